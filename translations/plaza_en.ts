<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>PassphraseForm</name>
    <message numerus="yes">
        <source>At least %n characters. A few unrelated words work well.</source>
        <translation><numerusform>At least %n character. A few unrelated words work well.</numerusform><numerusform>At least %n characters. A few unrelated words work well.</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Use at least %n characters.</source>
        <translation><numerusform>Use at least %n character.</numerusform><numerusform>Use at least %n characters.</numerusform></translation>
    </message>
</context>
<context>
    <name>SyncStatus</name>
    <message numerus="yes">
        <source>Synced %n min ago</source>
        <translation><numerusform>Synced %n min ago</numerusform><numerusform>Synced %n min ago</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Synced %n h ago</source>
        <translation><numerusform>Synced %n h ago</numerusform><numerusform>Synced %n h ago</numerusform></translation>
    </message>
</context>
</TS>