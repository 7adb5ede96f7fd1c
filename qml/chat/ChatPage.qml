// SPDX-License-Identifier: MIT
import QtQuick
import Plaza

// Chat tab: conversations and messages (not built yet).
ComingSoon {
    iconName: "message-circle"
    title: qsTr("Chat arrives soon")
    text: qsTr("Conversations with friends and groups, with payments right in the thread.")
}
