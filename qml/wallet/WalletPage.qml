// SPDX-License-Identifier: MIT
import QtQuick
import Plaza

// Wallet tab: balance, transactions, payments (not built yet).
ComingSoon {
    iconName: "wallet"
    title: qsTr("Your wallet arrives soon")
    text: qsTr("Your balance and every transaction, readable even offline, and payments to people and shops.")
}
