package io.paygate.merchant;

/** Published inside the onboarding transaction, so other features can set up what a merchant needs. */
public record MerchantOnboarded(String merchantId, boolean demo) {
}
