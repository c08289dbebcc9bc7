// @refscope/server: live and recorded refscope sessions over WebSocket (docs/protocol.md).
export { RefscopeServer, DEFAULTS, isLoopback } from './server.js';
export type { ServeOptions } from './server.js';
export { Hub, RECORDING_EXT } from './hub.js';
export type { HubOptions } from './hub.js';
export { Session, LiveSession, RecordedSession } from './session.js';
export type { SessionInfo, SessionKind, Growth, StepBy, Notice } from './session.js';
export { CLOSE_TOO_SLOW, CLOSE_UNAUTHORIZED, parseRequest, ProtocolError } from './protocol.js';
export type { Request, ErrorCode } from './protocol.js';
