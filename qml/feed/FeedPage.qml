// SPDX-License-Identifier: MIT
import QtQuick
import Plaza

// Feed tab: the Home and Discover timelines (not built yet).
ComingSoon {
    iconName: "newspaper"
    title: qsTr("Your feed arrives soon")
    text: qsTr("Posts from the people you follow, and a Discover timeline that can tell you why each post is there.")
}
