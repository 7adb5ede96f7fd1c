// SPDX-License-Identifier: MIT
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Plaza
import Plaza.Desktop

// Payment requests on the Wallet tab: asked of me (Pay, Decline) and asked by me (Cancel),
// each with its state, from the cache (RequestsModel), so it is the same offline and
// changes live when either person acts. Declining and cancelling ask first.
Rectangle {
    id: panel
    objectName: "requestsPanel"

    //! Opens the pay sheet for a request's link (the Wallet page's PayLinkSheet).
    signal payRequested(string link)
    //! How many requests show before the list scrolls (the Wallet page gives one on a short
    //! window, so the history below keeps room for its rows).
    property int visibleRows: 3

    radius: Theme.radiusL
    color: Theme.surface
    border.width: 1
    border.color: Theme.border
    implicitHeight: column.implicitHeight + 2 * Theme.spacingM

    RequestsModel {
        id: requests
        objectName: "requestsModel"
        cache: App.session.cache
        direction: toMeButton.checked ? "to_me" : "from_me"
        pageSize: 20
    }

    ColumnLayout {
        id: column
        anchors.fill: parent
        anchors.margins: Theme.spacingM
        spacing: Theme.spacingS

        RowLayout {
            spacing: Theme.spacingS
            Layout.fillWidth: true
            Label {
                text: qsTr("Requests")
                color: Theme.text
                font.pixelSize: Theme.fontBody
                font.weight: Font.DemiBold
                textFormat: Text.PlainText
                Layout.fillWidth: true
            }
            ButtonGroup { id: directionGroup }
            AppButton {
                id: toMeButton
                objectName: "requestsToMe"
                text: qsTr("To me")
                checkable: true
                checked: true
                variant: checked ? "secondary" : "quiet"
                implicitHeight: 28
                ButtonGroup.group: directionGroup
                Accessible.name: qsTr("Requests to me")
            }
            AppButton {
                objectName: "requestsFromMe"
                text: qsTr("From me")
                checkable: true
                variant: checked ? "secondary" : "quiet"
                implicitHeight: 28
                ButtonGroup.group: directionGroup
                Accessible.name: qsTr("Requests from me")
            }
        }

        Label {
            visible: requests.error.length > 0
            text: qsTr("Your requests could not be read from the local cache.")
            color: Theme.danger
            font.pixelSize: Theme.fontCaption
            wrapMode: Text.Wrap
            textFormat: Text.PlainText
            Layout.fillWidth: true
        }
        Label {
            objectName: "requestsEmpty"
            visible: requests.error.length === 0 && list.count === 0 && !requests.loading
            text: toMeButton.checked ? qsTr("Nobody has asked you for money.") : qsTr("You haven't asked anyone for money.")
            color: Theme.textMuted
            font.pixelSize: Theme.fontCaption
            textFormat: Text.PlainText
            Layout.fillWidth: true
        }
        Spinner { visible: requests.loading; active: requests.loading; Layout.alignment: Qt.AlignHCenter }

        ListView {
            id: list
            objectName: "requestsList"
            TabThrough { view: list }
            model: requests
            clip: true
            visible: count > 0
            spacing: 2
            implicitHeight: Math.min(contentHeight, Math.max(1, panel.visibleRows) * 44)
            Layout.fillWidth: true
            Layout.preferredHeight: implicitHeight
            onAtYEndChanged: if (atYEnd && !requests.atEnd && !requests.loading) requests.fetchMore(requests.index(-1, -1))
            // On a short window one row shows: the bar stays, so the rows under it are not a secret.
            ScrollBar.vertical: ScrollBar {
                id: requestsBar
                objectName: "requestsScrollBar"
                policy: list.contentHeight > list.height + 1 ? ScrollBar.AlwaysOn : ScrollBar.AsNeeded
            }
            delegate: RowLayout {
                id: row
                required property var model
                width: ListView.view.width - (requestsBar.policy === ScrollBar.AlwaysOn ? requestsBar.width + Theme.spacingXs : 0)
                height: 44
                spacing: Theme.spacingS
                ColumnLayout {
                    spacing: 0
                    Layout.fillWidth: true
                    Label {
                        text: row.model.otherName.length > 0
                              ? (row.model.toMe ? qsTr("%1 asks %2").arg(row.model.otherName).arg(row.model.formattedAmount)
                                                : qsTr("You asked %1 for %2").arg(row.model.otherName).arg(row.model.formattedAmount))
                              : qsTr("Link for %1").arg(row.model.formattedAmount)
                        color: Theme.text
                        font.pixelSize: Theme.fontBody
                        elide: Text.ElideRight
                        textFormat: Text.PlainText
                        Layout.fillWidth: true
                    }
                    Label {
                        text: (row.model.note.length > 0 ? row.model.note + " · " : "")
                              + (row.model.createdAt ? Time.relative(row.model.createdAt, Time.now) : "")
                        color: Theme.textMuted
                        font.pixelSize: Theme.fontCaption
                        elide: Text.ElideRight
                        textFormat: Text.PlainText
                        Layout.fillWidth: true
                    }
                }
                StatusChip {
                    objectName: "requestStatusChip"
                    visible: !row.model.open
                    status: row.model.status
                }
                AppButton {
                    visible: row.model.open && row.model.toMe
                    objectName: "requestPayButton"
                    text: qsTr("Pay…")
                    implicitHeight: 28
                    enabled: App.session.online
                    Accessible.name: qsTr("Pay %1").arg(row.model.formattedAmount)
                    onClicked: panel.payRequested(row.model.link)
                }
                AppButton {
                    visible: row.model.open && row.model.toMe
                    objectName: "requestDeclineButton"
                    text: qsTr("Decline")
                    variant: "quiet"
                    implicitHeight: 28
                    enabled: App.session.online && !App.wallet.busy
                    onClicked: confirm.ask(row.model.id, false, row.model.formattedAmount, row.model.otherName)
                }
                AppButton {
                    visible: row.model.open && !row.model.toMe
                    objectName: "requestCancelButton"
                    text: qsTr("Cancel request")
                    variant: "quiet"
                    implicitHeight: 28
                    enabled: App.session.online && !App.wallet.busy
                    onClicked: confirm.ask(row.model.id, true, row.model.formattedAmount, row.model.otherName)
                }
            }
        }
    }

    Sheet {
        id: confirm
        objectName: "requestEndSheet"
        property string requestId: ""
        property bool cancelling: false
        property string amount: ""
        property string who: ""
        property string failure: ""
        title: cancelling ? qsTr("Cancel this request?") : qsTr("Decline this request?")
        subtitle: cancelling ? qsTr("%1 will no longer be able to pay %2.").arg(who.length > 0 ? who : qsTr("Nobody")).arg(amount)
                             : qsTr("%1 will see that you declined %2.").arg(who).arg(amount)
        function ask(id, cancel, formattedAmount, name) {
            requestId = id
            cancelling = cancel
            amount = formattedAmount
            who = name
            failure = ""
            open()
        }
        Connections {
            target: App.wallet
            enabled: confirm.visible
            function onRequestEnded(id, status) { if (id === confirm.requestId) confirm.close() }
            function onRequestEndFailed(id, code, status) {
                if (id === confirm.requestId)
                    confirm.failure = status.length > 0 ? Errors.describeLink(status, code, "")
                                                        : Errors.describe(code, "", App.session.serverUrl)
            }
        }
        contentItem: ColumnLayout {
            spacing: Theme.spacingM
            InlineError { visible: confirm.failure.length > 0; text: confirm.failure; Layout.fillWidth: true }
            RowLayout {
                Item { Layout.fillWidth: true }
                AppButton { text: qsTr("Keep it"); variant: "secondary"; onClicked: confirm.close() }
                AppButton {
                    objectName: "requestEndConfirm"
                    text: confirm.cancelling ? qsTr("Cancel request") : qsTr("Decline")
                    enabled: !App.wallet.busy
                    onClicked: confirm.cancelling ? App.wallet.cancelRequest(confirm.requestId)
                                                  : App.wallet.declineRequest(confirm.requestId)
                }
            }
        }
    }
}
