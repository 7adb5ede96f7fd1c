// SPDX-License-Identifier: MIT
import QtQuick
import QtTest
import Plaza

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
        const status = createTemporaryObject(statusComponent, testCase)
        const now = new Date(2026, 10, 22, 12, 0, 0)
        const ago = seconds => new Date(now.getTime() - seconds * 1000)
        compare(status.describe(new Date(NaN), now), "Not synced yet")
        compare(status.describe(ago(10), now), "Synced just now")
        compare(status.describe(ago(5 * 60), now), "Synced 5 min ago")
        compare(status.describe(ago(3 * 3600), now), "Synced 3 h ago")
        verify(status.describe(ago(3 * 86400), now).startsWith("Synced on "))
        // A clock that went backwards is not "in the future".
        compare(status.describe(ago(-30), now), "Synced just now")
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
