export { publishLive, livePayload, LIVE_CHANNEL, LIVE_PAYLOAD_MAX, type LiveEvent, type LiveEventType } from './publish';
export { LiveCallTracker, groupInfo, DEFAULT_GROUP_COLOR, LIVE_TOUCH_MS, LIVE_STALE_MS, type LiveCallView, type LiveCallState, type LiveAgentRole } from './live-call-view';
