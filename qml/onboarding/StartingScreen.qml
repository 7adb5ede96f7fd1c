// SPDX-License-Identifier: MIT
import QtQuick
import QtQuick.Controls
import Plaza

// Shown while the session restores: only the mark on the window colour, and a
// spinner if it takes long enough to notice, so it never looks like an empty app.
Rectangle {
    color: Theme.background
    Accessible.role: Accessible.StaticText
    Accessible.name: qsTr("Opening Plaza")

    BrandMark {
        id: mark
        anchors.centerIn: parent
        size: 64
        // No fade-in: each of its frames redrew the whole window while the cache opened (issue 15).
    }

    Spinner {
        id: spinner
        anchors.top: mark.bottom
        anchors.topMargin: Theme.spacingXl
        anchors.horizontalCenter: parent.horizontalCenter
        width: 28
        height: 28
        active: false
        Timer {
            interval: 600
            running: true
            onTriggered: spinner.active = true
        }
    }
}
