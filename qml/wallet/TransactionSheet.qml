// SPDX-License-Identifier: MIT
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Plaza
import Plaza.Desktop

// The details of one transaction: who, how much, the note, when, its id and the
// balance after it. Everything from the cache, so it opens offline too.
Sheet {
    id: sheet
    objectName: "transactionSheet"

    property var tx: ({})

    function show(row) {
        tx = row
        open()
    }

    title: WalletText.kindTitle(tx.kind, tx.direction, tx.counterpartyName)
    subtitle: tx.createdAt ? Time.dateTime(tx.createdAt, true) : ""

    contentItem: ColumnLayout {
        spacing: Theme.spacingM
        Label {
            text: sheet.tx.formattedAmount || ""
            color: sheet.tx.direction === "in" ? Theme.success : Theme.text
            font.family: Theme.moneyFont.family
            font.pixelSize: Theme.fontDisplay
            font.weight: Font.DemiBold
            horizontalAlignment: Text.AlignHCenter
            textFormat: Text.PlainText
            Layout.fillWidth: true
        }
        StatusChip {
            status: sheet.tx.status || ""
            visible: status.length > 0 && status !== "completed"
            Layout.alignment: Qt.AlignHCenter
        }
        GridLayout {
            columns: 2
            columnSpacing: Theme.spacingL
            rowSpacing: Theme.spacingS
            Layout.fillWidth: true
            Layout.topMargin: Theme.spacingS

            Label { text: sheet.tx.direction === "in" ? qsTr("From") : qsTr("To"); color: Theme.textMuted; visible: !!sheet.tx.counterpartyHandle }
            Label {
                visible: !!sheet.tx.counterpartyHandle
                text: sheet.tx.counterpartyHandle ? qsTr("%1 (@%2)").arg(sheet.tx.counterpartyName).arg(sheet.tx.counterpartyHandle) : ""
                color: Theme.text
                wrapMode: Text.Wrap
                textFormat: Text.PlainText
                Layout.fillWidth: true
            }
            Label { text: qsTr("Note"); color: Theme.textMuted; visible: note.text.length > 0 }
            Label {
                id: note
                visible: text.length > 0
                text: WalletText.noteOf(sheet.tx.kind, sheet.tx.note)
                color: Theme.text
                wrapMode: Text.Wrap
                textFormat: Text.PlainText
                Layout.fillWidth: true
            }
            Label { text: qsTr("Status"); color: Theme.textMuted }
            Label { text: WalletText.statusName(sheet.tx.status); color: Theme.text; textFormat: Text.PlainText }
            Label { text: qsTr("Wallet balance after"); color: Theme.textMuted; visible: !!sheet.tx.formattedBalanceAfter }
            Label {
                visible: !!sheet.tx.formattedBalanceAfter
                text: sheet.tx.formattedBalanceAfter || ""
                color: Theme.text
                font.family: Theme.moneyFont.family
                textFormat: Text.PlainText
            }
            Label { text: qsTr("Transaction ID"); color: Theme.textMuted }
            RowLayout {
                spacing: Theme.spacingXs
                Layout.fillWidth: true
                Label {
                    objectName: "transactionId"
                    text: sheet.tx.id || ""
                    color: Theme.text
                    font.family: "DejaVu Sans Mono"
                    font.pixelSize: Theme.fontCaption
                    elide: Text.ElideMiddle
                    textFormat: Text.PlainText
                    Layout.fillWidth: true
                }
                ToolButton {
                    Keys.onReturnPressed: clicked()
                    Keys.onEnterPressed: clicked()
                    Accessible.onPressAction: clicked()
                    Accessible.name: qsTr("Copy the transaction ID")
                    ToolTip.visible: hovered
                    ToolTip.text: qsTr("Copy")
                    contentItem: Icon { name: "copy"; size: 16; color: Theme.textMuted }
                    onClicked: Desktop.copyText(sheet.tx.id)
                }
            }
            Label { text: qsTr("Payment request"); color: Theme.textMuted; visible: !!sheet.tx.requestId }
            Label {
                visible: !!sheet.tx.requestId
                text: sheet.tx.requestId || ""
                color: Theme.text
                font.family: "DejaVu Sans Mono"
                font.pixelSize: Theme.fontCaption
                elide: Text.ElideMiddle
                textFormat: Text.PlainText
                Layout.fillWidth: true
            }
        }
        AppButton {
            text: qsTr("Close")
            Layout.alignment: Qt.AlignRight
            Layout.topMargin: Theme.spacingS
            onClicked: sheet.close()
        }
    }
}
