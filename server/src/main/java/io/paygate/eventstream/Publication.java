package io.paygate.eventstream;

/**
 * One pending publication as the publisher claims it.
 *
 * @param seq       the order in which the rows were written (see V6__event_publications.sql)
 * @param objectId  the id of the object the event is about; the record's key and the unit of ordering
 * @param attempts  failed sends so far
 * @param createdMs when the event was recorded, for the publication lag
 */
record Publication(long seq, String eventId, String objectId, int attempts, long createdMs) {
}
