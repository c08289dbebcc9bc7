// @refscope/server: live and recorded sessions over WebSocket (issue 4). Not built yet.
export {};
