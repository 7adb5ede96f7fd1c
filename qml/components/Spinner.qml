// SPDX-License-Identifier: MIT
import QtQuick
import QtQuick.Controls
import Plaza

// The app's busy indicator. `active` says that work is under way; the spinner shows then, and
// animates only while it is really on screen: one in a closed sheet, on another tab or in a
// minimised window does not keep Qt Quick's animation timer waking the CPU.
BusyIndicator {
    id: spinner

    property bool active: true

    visible: active
    running: active && visible && Window.window !== null
             && Window.window.visibility !== Window.Minimized && Window.window.visibility !== Window.Hidden
    Accessible.name: qsTr("Loading")
}
