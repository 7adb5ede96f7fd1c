// SPDX-License-Identifier: MIT
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Plaza
import Plaza.Desktop

// One row of the wallet history: who or what, the note, the time, the amount.
ItemDelegate {
    Accessible.onPressAction: clicked() // a screen reader's Press (Qt 6.4 only signals it)
    id: row

    required property var model
    required property int index

    implicitHeight: 60
    leftPadding: Theme.spacingM
    rightPadding: Theme.spacingM
    hoverEnabled: true
    // The list keeps the keyboard focus (arrows, Enter); the current row shows it.
    focusPolicy: Qt.NoFocus
    Accessible.name: WalletText.kindTitle(model.kind, model.direction, model.counterpartyName) + ", "
                     + model.formattedAmount + ", " + WalletText.statusName(model.status)

    background: Rectangle {
        radius: Theme.radiusM
        color: row.down ? Theme.selected : (row.hovered ? Theme.hover : "transparent")
        FocusRing { shown: row.visualFocus || row.highlighted }
    }

    contentItem: RowLayout {
        spacing: Theme.spacingM
        Rectangle {
            implicitWidth: 36
            implicitHeight: 36
            radius: 18
            color: Theme.accentSoft
            Text {
                visible: row.model.counterpartyName.length > 0
                anchors.centerIn: parent
                text: Format.initials(row.model.counterpartyName)
                color: Theme.accent
                font.pixelSize: 14
                font.weight: Font.DemiBold
                textFormat: Text.PlainText
            }
            Icon {
                visible: row.model.counterpartyName.length === 0
                anchors.centerIn: parent
                size: 18
                color: Theme.accent
                name: row.model.kind === "top_up" ? "credit-card"
                    : row.model.kind === "interest" ? "piggy-bank"
                    : row.model.kind.indexOf("savings") === 0 ? "piggy-bank" : "receipt-text"
            }
        }
        ColumnLayout {
            spacing: 2
            Layout.fillWidth: true
            RowLayout {
                spacing: Theme.spacingS
                Layout.fillWidth: true
                Label {
                    text: WalletText.kindTitle(row.model.kind, row.model.direction, row.model.counterpartyName)
                    color: Theme.text
                    font.pixelSize: Theme.fontBody
                    font.weight: Font.DemiBold
                    elide: Text.ElideRight
                    textFormat: Text.PlainText
                    Layout.fillWidth: implicitWidth > parent.width / 2
                }
                StatusChip {
                    status: row.model.status
                    visible: status !== "completed"
                }
                Item { Layout.fillWidth: true }
            }
            Label {
                text: {
                    const parts = [Time.time(row.model.createdAt)]
                    const note = WalletText.noteOf(row.model.kind, row.model.note)
                    if (note.length > 0)
                        parts.push(note)
                    else if (row.model.counterpartyName.length > 0)
                        parts.push(WalletText.kindName(row.model.kind))
                    return parts.join(" · ")
                }
                color: Theme.textMuted
                font.pixelSize: Theme.fontCaption
                elide: Text.ElideRight
                textFormat: Text.PlainText
                Layout.fillWidth: true
            }
        }
        Label {
            text: (row.model.direction === "in" ? "+" : "") + row.model.formattedAmount
            color: row.model.status === "failed" || row.model.status === "reversed" ? Theme.textFaint
                 : row.model.direction === "in" ? Theme.success : Theme.text
            font.family: Theme.moneyFont.family
            font.pixelSize: Theme.fontBody
            font.weight: Font.DemiBold
            font.strikeout: row.model.status === "failed" || row.model.status === "reversed"
            horizontalAlignment: Text.AlignRight
            textFormat: Text.PlainText
            Layout.minimumWidth: 110
        }
    }
}
