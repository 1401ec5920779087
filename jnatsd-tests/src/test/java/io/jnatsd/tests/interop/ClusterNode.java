package io.jnatsd.tests.interop;

import com.fasterxml.jackson.databind.JsonNode;
import io.jnatsd.JnatsdServer;
import io.jnatsd.cluster.RouteConnection;
import io.jnatsd.dispatch.Subscription;
import java.io.IOException;
import java.util.HashSet;
import java.util.Set;

/**
 * One server of a mixed cluster, jnatsd or nats-server, asked the same questions: whom it is
 * routed to, whose interest it holds, and how many messages its routes from a peer brought in
 * (counted on the connections that carry {@code $G}, not on pinned ones).
 */
interface ClusterNode {
    String name();

    String clientUrl();

    int clusterPort();

    String serverId() throws IOException;

    boolean go();

    /** Distinct peers this node has route connections to. */
    int remotes() throws IOException;

    /** Messages received over the non-pinned route connections from {@code peer}. */
    long routedFrom(ClusterNode peer) throws IOException;

    /** Whether this node holds {@code peer}'s interest in {@code subject} (and queue) of {@code $G}. */
    boolean holdsInterest(ClusterNode peer, String subject, String queue) throws IOException;

    static ClusterNode of(JnatsdServer server) {
        return new Java(server);
    }

    static ClusterNode of(GoServer server) {
        return new Go(server);
    }

    record Java(JnatsdServer server) implements ClusterNode {
        @Override
        public String name() {
            return server.server().serverName();
        }

        @Override
        public String clientUrl() {
            return server.clientUrl();
        }

        @Override
        public int clusterPort() {
            return server.server().cluster().listenPort();
        }

        @Override
        public String serverId() {
            return server.server().serverId();
        }

        @Override
        public boolean go() {
            return false;
        }

        @Override
        public int remotes() {
            return server.server().cluster().remoteCount();
        }

        @Override
        public long routedFrom(ClusterNode peer) throws IOException {
            long total = 0;
            for (RouteConnection route : server.server().cluster().routes()) {
                if (route.remoteInfo().serverId.equals(peer.serverId()) && route.pinnedAccount() == null) {
                    total += route.inMessages();
                }
            }
            return total;
        }

        @Override
        public boolean holdsInterest(ClusterNode peer, String subject, String queue) throws IOException {
            String key = "R $G " + subject + (queue == null ? "" : " " + queue);
            for (RouteConnection route : server.server().cluster().routes()) {
                if (route.remoteInfo().serverId.equals(peer.serverId())) {
                    for (Subscription interest : route.remoteInterest()) {
                        if (interest.sid().equals(key)) {
                            return true;
                        }
                    }
                }
            }
            return false;
        }
    }

    record Go(GoServer server) implements ClusterNode {
        @Override
        public String name() {
            return server.name;
        }

        @Override
        public String clientUrl() {
            return server.clientUrl();
        }

        @Override
        public int clusterPort() {
            return server.clusterPort;
        }

        @Override
        public String serverId() throws IOException {
            return server.serverId();
        }

        @Override
        public boolean go() {
            return true;
        }

        @Override
        public int remotes() throws IOException {
            Set<String> ids = new HashSet<>();
            for (JsonNode route : server.monitor("routez").path("routes")) {
                ids.add(route.path("remote_id").asText());
            }
            return ids.size();
        }

        @Override
        public long routedFrom(ClusterNode peer) throws IOException {
            long total = 0;
            for (JsonNode route : server.monitor("routez").path("routes")) {
                if (route.path("remote_id").asText().equals(peer.serverId()) && !route.has("account")) {
                    total += route.path("in_msgs").asLong();
                }
            }
            return total;
        }

        @Override
        public boolean holdsInterest(ClusterNode peer, String subject, String queue) throws IOException {
            for (JsonNode route : server.monitor("routez?subs=detail").path("routes")) {
                if (!route.path("remote_id").asText().equals(peer.serverId())) {
                    continue;
                }
                for (JsonNode sub : route.path("subscriptions_list_detail")) {
                    boolean sameQueue = queue == null ? !sub.has("qgroup") : queue.equals(sub.path("qgroup").asText());
                    if (sub.path("subject").asText().equals(subject) && sameQueue) {
                        return true;
                    }
                }
            }
            return false;
        }
    }
}
