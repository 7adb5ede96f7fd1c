<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>AttachmentTray</name>
    <message numerus="yes">
        <source>You can send at most %n files at once.</source>
        <translation>
            <numerusform>You can send at most %n file at once.</numerusform>
            <numerusform>You can send at most %n files at once.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ChangePasswordSheet</name>
    <message numerus="yes">
        <source>Password changed. %n other device(s) signed out.</source>
        <translation>
            <numerusform>Password changed. %n other device signed out.</numerusform>
            <numerusform>Password changed. %n other devices signed out.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ChatPage</name>
    <message numerus="yes">
        <source>%n unread</source>
        <translation>
            <numerusform>%n unread</numerusform>
            <numerusform>%n unread</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n requests</source>
        <translation>
            <numerusform>%n request</numerusform>
            <numerusform>%n requests</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 is typing…</source>
        <translation>
            <numerusform>%1 is typing…</numerusform>
            <numerusform>%1 is typing…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Jump to the newest message, %n new</source>
        <translation>
            <numerusform>Jump to the newest message, %n new</numerusform>
            <numerusform>Jump to the newest message, %n new</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Composer</name>
    <message numerus="yes">
        <source>%n post(s) waiting to be sent</source>
        <translation>
            <numerusform>%n post waiting to be sent</numerusform>
            <numerusform>%n posts waiting to be sent</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message numerus="yes">
        <source>Use at most %n decimal(s).</source>
        <translation>
            <numerusform>Use at most %n decimal.</numerusform>
            <numerusform>Use at most %n decimals.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FeedPage</name>
    <message numerus="yes">
        <source>%n new post(s)</source>
        <translation>
            <numerusform>%n new post</numerusform>
            <numerusform>%n new posts</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ForwardSheet</name>
    <message numerus="yes">
        <source>You can forward to at most %n conversations at once.</source>
        <translation>
            <numerusform>You can forward to at most %n conversation at once.</numerusform>
            <numerusform>You can forward to at most %n conversations at once.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Forward to %n conversations</source>
        <translation>
            <numerusform>Forward to %n conversation</numerusform>
            <numerusform>Forward to %n conversations</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>GoalCard</name>
    <message numerus="yes">
        <source>%n month(s)</source>
        <translation>
            <numerusform>%n month</numerusform>
            <numerusform>%n months</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n day</numerusform>
            <numerusform>%n days</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n month(s) left</source>
        <translation>
            <numerusform>%n month left</numerusform>
            <numerusform>%n months left</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n day(s) left</source>
        <translation>
            <numerusform>%n day left</numerusform>
            <numerusform>%n days left</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>GroupLayer</name>
    <message numerus="yes">
        <source>%n member(s)</source>
        <translation>
            <numerusform>%n member</numerusform>
            <numerusform>%n members</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LockPrompt</name>
    <message numerus="yes">
        <source>Too many wrong tries. Wait %n second(s), then try again.</source>
        <translation>
            <numerusform>Too many wrong tries. Wait %n second, then try again.</numerusform>
            <numerusform>Too many wrong tries. Wait %n seconds, then try again.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LockScreen</name>
    <message numerus="yes">
        <source>Too many wrong tries. Wait %n second(s), then try again.</source>
        <translation>
            <numerusform>Too many wrong tries. Wait %n second, then try again.</numerusform>
            <numerusform>Too many wrong tries. Wait %n seconds, then try again.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MessageActionsLayer</name>
    <message numerus="yes">
        <source>%n attachments</source>
        <translation>
            <numerusform>%n attachment</numerusform>
            <numerusform>%n attachments</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MessageBubble</name>
    <message numerus="yes">
        <source>%n people</source>
        <translation>
            <numerusform>%n person</numerusform>
            <numerusform>%n people</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 and %n more</source>
        <translation>
            <numerusform>%1 and %n more</numerusform>
            <numerusform>%1 and %n more</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 · %n reactions</source>
        <translation>
            <numerusform>%1 · %n reaction</numerusform>
            <numerusform>%1 · %n reactions</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: %n reactions</source>
        <translation>
            <numerusform>%1: %n reaction</numerusform>
            <numerusform>%1: %n reactions</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n attachments</source>
        <translation>
            <numerusform>%n attachment</numerusform>
            <numerusform>%n attachments</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>NewConversationSheet</name>
    <message numerus="yes">
        <source>%n character(s) left</source>
        <translation>
            <numerusform>%n character left</numerusform>
            <numerusform>%n characters left</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Create group with %n member(s)</source>
        <translation>
            <numerusform>Create group with %n member</numerusform>
            <numerusform>Create group with %n members</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Notifier</name>
    <message numerus="yes">
        <source>%n new message(s)</source>
        <translation>
            <numerusform>%n new message</numerusform>
            <numerusform>%n new messages</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PassphraseForm</name>
    <message numerus="yes">
        <source>At least %n characters. A few unrelated words work well.</source>
        <translation>
            <numerusform>At least %n character. A few unrelated words work well.</numerusform>
            <numerusform>At least %n characters. A few unrelated words work well.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Use at least %n characters.</source>
        <translation>
            <numerusform>Use at least %n character.</numerusform>
            <numerusform>Use at least %n characters.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ProfileSheet</name>
    <message numerus="yes">
        <source>%n follower(s)</source>
        <translation>
            <numerusform>%n follower</numerusform>
            <numerusform>%n followers</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n following</source>
        <translation>
            <numerusform>%n following</numerusform>
            <numerusform>%n following</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SavingsPage</name>
    <message numerus="yes">
        <source>%1 over %n day(s), since %2</source>
        <translation>
            <numerusform>%1 over %n day, since %2</numerusform>
            <numerusform>%1 over %n days, since %2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>With %1 today and on each 1st (%n deposit(s), %2): %3</source>
        <translation>
            <numerusform>With %1 today and on each 1st (%n deposit, %2): %3</numerusform>
            <numerusform>With %1 today and on each 1st (%n deposits, %2): %3</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TimeFormat</name>
    <message numerus="yes">
        <source>%n min</source>
        <comment>minutes ago, short</comment>
        <translation>
            <numerusform>%n min</numerusform>
            <numerusform>%n min</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n h</source>
        <comment>hours ago, short</comment>
        <translation>
            <numerusform>%n h</numerusform>
            <numerusform>%n h</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n d</source>
        <comment>days ago, short</comment>
        <translation>
            <numerusform>%n d</numerusform>
            <numerusform>%n d</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Synced %n min ago</source>
        <translation>
            <numerusform>Synced %n min ago</numerusform>
            <numerusform>Synced %n min ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Synced %n h ago</source>
        <translation>
            <numerusform>Synced %n h ago</numerusform>
            <numerusform>Synced %n h ago</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TrayIcon</name>
    <message numerus="yes">
        <source>Plaza — %n unread message(s)</source>
        <comment>tray tooltip</comment>
        <translation>
            <numerusform>Plaza — %n unread message</numerusform>
            <numerusform>Plaza — %n unread messages</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>WalletPage</name>
    <message numerus="yes">
        <source>%n payment(s) awaiting confirmation from the server. Plaza retries each with its own key, so none can go out twice.</source>
        <translation>
            <numerusform>%n payment awaiting confirmation from the server. Plaza retries each with its own key, so none can go out twice.</numerusform>
            <numerusform>%n payments awaiting confirmation from the server. Plaza retries each with its own key, so none can go out twice.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>plaza-cli</name>
    <message numerus="yes">
        <source>password changed; %n other session(s) signed out, this device stays signed in</source>
        <translation>
            <numerusform>password changed; %n other session signed out, this device stays signed in</numerusform>
            <numerusform>password changed; %n other sessions signed out, this device stays signed in</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>[%n unread] </source>
        <translation>
            <numerusform>[%n unread] </numerusform>
            <numerusform>[%n unread] </numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>applied %n event(s), cursor %1</source>
        <translation>
            <numerusform>applied %n event, cursor %1</numerusform>
            <numerusform>applied %n events, cursor %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>reposted %1 (%n repost(s))</source>
        <translation>
            <numerusform>reposted %1 (%n repost)</numerusform>
            <numerusform>reposted %1 (%n reposts)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>liked %1 (%n like(s))</source>
        <translation>
            <numerusform>liked %1 (%n like)</numerusform>
            <numerusform>liked %1 (%n likes)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 now has %n member(s)</source>
        <translation>
            <numerusform>%1 now has %n member</numerusform>
            <numerusform>%1 now has %n members</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>sent — message %1 with %n file(s)</source>
        <translation>
            <numerusform>sent — message %1 with %n file</numerusform>
            <numerusform>sent — message %1 with %n files</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n month(s)</source>
        <translation>
            <numerusform>%n month</numerusform>
            <numerusform>%n months</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n day</numerusform>
            <numerusform>%n days</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>ended %n other session(s); this device stays signed in</source>
        <translation>
            <numerusform>ended %n other session; this device stays signed in</numerusform>
            <numerusform>ended %n other sessions; this device stays signed in</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>exported %n transaction(s) to %1</source>
        <translation>
            <numerusform>exported %n transaction to %1</numerusform>
            <numerusform>exported %n transactions to %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n payment(s) still awaiting confirmation — will retry with the same key</source>
        <translation>
            <numerusform>%n payment still awaiting confirmation — will retry with the same key</numerusform>
            <numerusform>%n payments still awaiting confirmation — will retry with the same key</numerusform>
        </translation>
    </message>
</context>
</TS>
