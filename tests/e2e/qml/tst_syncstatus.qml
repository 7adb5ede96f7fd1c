// SPDX-License-Identifier: MIT
import QtQuick
import QtTest
import Plaza
import Plaza.Desktop

// The header's connection pill: online/offline and a relative "last synced" time.
TestCase {
    id: testCase
    name: "SyncStatus"
    width: 400
    height: 100
    visible: true
    when: windowShown

    Component {
        id: statusComponent
        SyncStatus { }
    }

    function test_relativeTimes() {
        const now = new Date(Date.UTC(2026, 10, 22, 12, 0, 0))
        const ago = seconds => new Date(now.getTime() - seconds * 1000)
        compare(Time.synced(new Date(NaN), now), "Not synced yet")
        compare(Time.synced(ago(10), now), "Synced just now")
        compare(Time.synced(ago(5 * 60), now), "Synced 5 min ago")
        compare(Time.synced(ago(3 * 3600), now), "Synced 3 h ago")
        verify(Time.synced(ago(3 * 86400), now).startsWith("Synced on "))
        // A clock that went backwards is not "in the future".
        compare(Time.synced(ago(-30), now), "Synced just now")
    }

    function test_followsTheClock() {
        // The pill reads Time.now, which moves by itself: its text is never frozen at load.
        const status = createTemporaryObject(statusComponent, testCase, { lastSynced: Time.now })
        compare(status.syncText, "Synced just now")
        verify(Time.now.getTime() <= Date.now() + 60000)
    }

    function test_onlineState() {
        const status = createTemporaryObject(statusComponent, testCase, { online: false })
        compare(status.stateText, "Offline")
        compare(findChild(status, "onlineLabel").text, "Offline")
        status.online = true
        compare(findChild(status, "onlineLabel").text, "Online")
        status.lastSynced = new Date()
        verify(status.Accessible.name.indexOf("Online") === 0)
        verify(status.syncText.length > 0)
    }
}
