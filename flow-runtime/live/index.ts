export { publishLive, livePayload, LIVE_PAYLOAD_MAX, type LiveEvent, type LiveEventType } from './publish';
export { LiveCallTracker, groupInfo, DEFAULT_GROUP_COLOR, type LiveCallView, type LiveCallState, type LiveAgentRole } from './live-call-view';
