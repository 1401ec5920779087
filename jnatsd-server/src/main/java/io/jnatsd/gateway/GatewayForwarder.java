package io.jnatsd.gateway;

import io.jnatsd.dispatch.Account;
import io.jnatsd.dispatch.FlushBatch;
import io.jnatsd.dispatch.GatewayForwarding;
import io.jnatsd.dispatch.Subscription;
import io.jnatsd.protocol.MessageFrame;
import io.jnatsd.protocol.QueueNames;
import io.jnatsd.subject.MatchResult;
import io.netty.util.concurrent.FastThreadLocal;
import java.util.function.Supplier;

/**
 * Which remote clusters a message published here goes to (GATEWAYS.md §4.1, §5): every outbound
 * connection whose remote announced matching interest gets one RMSG (interest-only: nothing
 * crosses without interest), and so does an older peer's that has not refused the subject yet
 * ({@link InterestModes}, optimistic mode); queue groups with any member in this cluster stay here, the others are
 * listed; a reply that matches a subscription of the last 2 s is sent with this server's {@code _GR_.}
 * prefix so that the answer finds its way back before that interest has crossed ({@link RecentInterest});
 * an answer to such a reply goes straight to the requester's cluster.
 */
final class GatewayForwarder implements GatewayForwarding {
    private static final FastThreadLocal<QueueNames> QUEUES = new FastThreadLocal<>() {
        @Override
        protected QueueNames initialValue() {
            return new QueueNames();
        }
    };

    private final Supplier<GatewayConnection[]> outbound;
    private final MappedReplies replies;
    private final RecentInterest recent;
    private final byte[] replyPrefix;

    GatewayForwarder(Supplier<GatewayConnection[]> outbound, MappedReplies replies, RecentInterest recent,
                     byte[] replyPrefix) {
        this.outbound = outbound;
        this.replies = replies;
        this.recent = recent;
        this.replyPrefix = replyPrefix;
    }

    @Override
    public int forward(Account account, MessageFrame message, MatchResult<Subscription> cluster, FlushBatch batch) {
        GatewayConnection[] connections = outbound.get();
        if (connections.length == 0) {
            return 0;
        }
        QueueNames queues = QUEUES.get();
        MappedReplies.Target back = replies.lookup(account.name(), message.subject());
        if (back != null) {
            for (GatewayConnection connection : connections) {
                if (connection.remoteHash().equals(back.clusterHash())) {
                    queues.clear();
                    connection.send(account, message, queues, back.prefix(), replyPrefixFor(account, message), batch);
                    return 1;
                }
            }
        }
        int sent = 0;
        byte[] mappedReply = null;
        boolean replyChecked = false;
        for (GatewayConnection connection : connections) {
            MatchResult<Subscription> remote = connection.interest().match(account.name(), message.subject());
            boolean optimistic = connection.modes().sendsWithoutInterest(account.name(), message.subject());
            if (remote == null && !optimistic) {
                continue;
            }
            queues.clear();
            if (remote != null) {
                for (int g = 0, n = remote.queueGroupCount(); g < n; g++) {
                    String group = remote.queueGroup(g).name();
                    if (!servedInCluster(cluster, group)) {
                        queues.add(group);
                    }
                }
            }
            if (!optimistic && remote.plainCount() == 0 && queues.size() == 0) {
                continue;
            }
            if (!replyChecked) {
                // decided once per message, with the first gateway that takes it, as nats-server does
                replyChecked = true;
                mappedReply = replyPrefixFor(account, message);
            }
            connection.send(account, message, queues, null, mappedReply, batch);
            sent++;
        }
        return sent;
    }

    /** This server's {@code _GR_.} prefix when the message's reply matches recent interest, else null. */
    private byte[] replyPrefixFor(Account account, MessageFrame message) {
        return recent.matchesReply(account, message) ? replyPrefix : null;
    }

    @Override
    public boolean interested(Account account, String subject) {
        GatewayConnection[] connections = outbound.get();
        if (connections.length == 0) {
            return false;
        }
        if (replies.lookup(account.name(), subject) != null) {
            return true;
        }
        for (GatewayConnection connection : connections) {
            if (connection.interest().match(account.name(), subject) != null
                    || connection.modes().sendsWithoutInterest(account.name(), subject)) {
                return true;
            }
        }
        return false;
    }

    private static boolean servedInCluster(MatchResult<Subscription> cluster, String group) {
        for (int g = 0, n = cluster.queueGroupCount(); g < n; g++) {
            if (cluster.queueGroup(g).name().equals(group) && cluster.queueGroup(g).size() > 0) {
                return true;
            }
        }
        return false;
    }

    @Override
    public MessageFrame localView(Account account, MessageFrame message) {
        String mapped = message.reply();
        if (!ReplyPrefix.isMapped(mapped)) {
            return message;
        }
        replies.remember(account.name(), mapped);
        return new MessageFrame().set(message.buffer(), message.subject(), message.subjectStart(), message.subjectLength(),
                message.replyStart() + ReplyPrefix.LENGTH, message.replyLength() - ReplyPrefix.LENGTH,
                message.hasHeaders() ? message.headerSize() : -1, message.payloadStart(), message.totalSize());
    }

    @Override
    public MessageFrame unmapped(MessageFrame message) {
        String subject = message.subject();
        if (!ReplyPrefix.isMapped(subject)) {
            return message;
        }
        return new MessageFrame().set(message.buffer(), ReplyPrefix.strip(subject),
                message.subjectStart() + ReplyPrefix.LENGTH, message.subjectLength() - ReplyPrefix.LENGTH,
                message.replyStart(), message.hasReply() ? message.replyLength() : -1,
                message.hasHeaders() ? message.headerSize() : -1, message.payloadStart(), message.totalSize());
    }
}
