/**
 * nats-server's HTTP monitoring endpoints (MONITORING.md), answered on their own event loop.
 *
 * <pre>
 * bytes ─▶ MonitorRequestDecoder ─▶ MonitorHandler ─▶ MonitorRoutes (base path, http_req_stats) ─▶ one Endpoint per path
 *          (Go's HTTP server rules:  (RequestTarget: clean-path redirects; GoQuery)
 *           limits, 400/431/501/505)
 *                                                                                   │ reads only
 *                      NatsServer read-only views: clients, closed ring, accounts,  ◀┘
 *                      statistics, routeViews()
 *                 ◀── MonitorResponse (JSON indented as Go's MarshalIndent, JSONP, CORS, 400/404 texts)
 * </pre>
 *
 * The HTTP/1.x framing is jnatsd's own rather than Netty's codec so that every malformed request
 * gets the status nats-server's Go HTTP server gives it (RequestHeadParser lists the rules, checked
 * against nats-server 2.10.27 by MonitorHttpDifferentialTest), and none is dropped unanswered.
 *
 * {@link io.jnatsd.monitor.MonitorDocuments} hands the same documents to the system account's
 * {@code $SYS.REQ.SERVER.PING.*} requests (package {@code io.jnatsd.sys}). Beside nats-server's
 * endpoints, jnatsd serves {@code /metrics} (Prometheus text), {@code /clusterz} (this server's
 * view of its cluster) and {@code /dashboard} (a self-contained page drawing that view).
 *
 * Endpoints build their documents as {@link io.jnatsd.monitor.GoObject}s with nats-server's field
 * names, order and {@code omitempty} rules; value formats tools parse (timestamps, uptime, Go
 * durations) come from {@link io.jnatsd.monitor.GoFormats}. Nothing here is on the message path:
 * counters are read as they are (possibly a moment stale), never locked for a whole snapshot.
 */
package io.jnatsd.monitor;
