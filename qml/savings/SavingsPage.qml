// SPDX-License-Identifier: MIT
import QtQuick
import Plaza

// Savings tab: savings balance, interest and goals (not built yet).
ComingSoon {
    iconName: "piggy-bank"
    title: qsTr("Savings arrive soon")
    text: qsTr("A savings balance that earns interest every day, and goals to set money aside for.")
}
