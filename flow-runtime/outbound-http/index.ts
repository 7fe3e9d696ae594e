export { allowList, formatAllowEntry, MAX_ALLOW_ENTRIES, NO_ALLOW_LIST, parseAllowEntry, refusedAddressReason, refusedNameReason, type AllowList } from './address-policy';
export { checkUrl, DEFAULT_MAX_BYTES, MAX_REDIRECTS, MAX_TIMEOUT_MS, OutboundHttpError, outboundRequest, systemResolver, type OutboundRequest, type OutboundResponse, type Resolver } from './outbound-request';
export { encodeUrlValue, urlPosition } from './url-template';
