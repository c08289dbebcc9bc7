// @refscope/server: live and recorded refscope sessions over WebSocket (docs/protocol.md).
export { RefscopeServer, DEFAULTS, isLoopback } from './server.js';
export type { ServeOptions } from './server.js';
export { Hub, RECORDING_EXT } from './hub.js';
export type { HubOptions } from './hub.js';
export { Session, RecordedSession } from './session.js';
export type { SessionInfo, SessionKind, Growth } from './session.js';
export { LiveSession, SessionBusy } from './live.js';
export type { StepBy, PauseReason, Notice, LiveOptions } from './live.js';
export { EventBytes } from './bytes.js';
export { CLOSE_TOO_SLOW, CLOSE_UNAUTHORIZED, parseRequest, ProtocolError } from './protocol.js';
export type { Request, ErrorCode } from './protocol.js';
