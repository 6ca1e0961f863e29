-- The change feed in commit order. Revisions were numbered by their identity key, handed out at insert: with concurrent
-- writers a transaction that inserted first but committed last got a number below one a follower had already read
-- past, and its change was never delivered (issue 13: 20 of 3,153 changes skipped in 20 s). Now every write
-- transaction first takes one advisory lock (DocumentStore.serializeWrites, held until it ends), and its revision takes
-- its feed number from this sequence after that, so feed numbers are given in commit order and a follower that pages
-- after the last number it saw misses nothing. Existing revisions keep their identity key as their feed number, so
-- followers resume where they were.
create sequence revision_feed;
alter table revision add column feed_sequence bigint;
update revision set feed_sequence = pk;
select setval('revision_feed', coalesce((select max(pk) from revision), 0) + 1, false);
alter table revision alter column feed_sequence set default nextval('revision_feed');
alter table revision alter column feed_sequence set not null;
alter sequence revision_feed owned by revision.feed_sequence;
create unique index revision_feed_order on revision (feed_sequence);
