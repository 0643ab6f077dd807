/**
 * The one module that knows huggingface.co/papers markup (see SITE.md facts: every selector is a hint that can
 * break, so each reader has a fallback). Everything else in the content script works on ListedCard/Paper.
 */
export { readListing, readListingInSteps, type Listing, type ListedCard, type PayloadUse } from './read';
export { listingPageFromUrl, paperIdFromHref } from './url';
export { findCards, findCardsInSteps, type CardInfo } from './cards';
export { readPayload, payloadFromProps, paperFromEntry, type Payload, type PayloadResult } from './payload';
