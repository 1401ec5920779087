package io.jnatsd.transport.websocket;

/**
 * What an accepted upgrade request settled for its connection: whether permessage-deflate was
 * negotiated, and the JWT of the configured {@code jwt_cookie} (null without one), which stands in
 * for a CONNECT that carries no JWT.
 */
public record WebsocketSession(boolean compress, String cookieJwt) {
}
