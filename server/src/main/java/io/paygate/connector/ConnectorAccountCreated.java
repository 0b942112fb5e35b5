package io.paygate.connector;

/** A connector account was added (published in the transaction that adds it). */
public record ConnectorAccountCreated(String connectorAccountId, String connector) {
}
