package io.jnatsd.monitor;

import io.jnatsd.server.SubscriptionSnapshot;
import java.util.List;

/**
 * Subscription entries shared by /connz, /routez and /subsz: the subject list of {@code subs=1}
 * (one subject per sid, duplicates kept) and the detail objects of {@code subs=detail}.
 */
final class SubscriptionDetails {
    private SubscriptionDetails() {
    }

    static List<String> subjects(List<SubscriptionSnapshot> subscriptions) {
        return subscriptions.stream().map(SubscriptionSnapshot::subject).toList();
    }

    static List<GoObject> details(List<SubscriptionSnapshot> subscriptions, long cid) {
        return subscriptions.stream().map(subscription -> detail(subscription, null, cid)).toList();
    }

    /** One detail object; {@code account} is shown by /subsz only. */
    static GoObject detail(SubscriptionSnapshot subscription, String account, long cid) {
        return new GoObject()
                .omitEmpty("account", account)
                .put("subject", subscription.subject())
                .omitEmpty("qgroup", subscription.queue())
                .put("sid", subscription.sid())
                .put("msgs", subscription.messages())
                .omitEmpty("max", subscription.max())
                .put("cid", cid);
    }
}
