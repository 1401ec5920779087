/**
 * Subjects and the index of interest in them (layer 0: imports nothing of jnatsd).
 *
 * <pre>
 *   match("orders.eu.new")
 *        │
 *        ▼
 *   MatchCache ──hit──▶ MatchResult (immutable, shared)      lock-free, allocation-free
 *        │ miss
 *        ▼  (read lock)
 *   SubjectNode trie:  root ─ orders ─┬─ eu ─── new      literal children (LiteralChildTable when many)
 *                                     ├─ *  ─── new      single-wildcard child
 *                                     └─ &gt;                full-wildcard child
 *        │
 *        ▼
 *   MatchCollector: plain interests + queue members merged by queue name ─▶ MatchResult ─▶ cache
 *
 *   insert/remove (write lock): change trie, prune empty nodes, patch cached results, move generation
 * </pre>
 *
 * {@link io.jnatsd.subject.Subjects} holds the grammar (what SUB and a pedantic PUB accept) and
 * wildcard matching between subjects, including the subset test used by permissions.
 */
package io.jnatsd.subject;
