// SPDX-License-Identifier: MIT
import QtQuick
import QtQuick.Controls
import QtQuick.Dialogs
import QtQuick.Layouts
import Plaza
import Plaza.Desktop

// The Wallet tab: balance and limits, send / request / pay a link, and the history with
// filters, search, infinite scroll, details and CSV export. Everything reads the
// encrypted cache, so it opens offline — then says so, with the time it is from.
Item {
    id: page
    objectName: "walletPage"

    readonly property bool offline: App.session.state === Session.Ready && !App.session.online
    readonly property bool filtered: txModel.direction.length > 0 || txModel.kind.length > 0 || txModel.query.length > 0
    readonly property string offlineReason: qsTr("You're offline. Sending and requesting money need a connection.")

    //! Opens a sheet by path: "send", "send/<handle>", "request", "request/<id>", "export".
    //! The tab was shown: the keyboard starts on Send (the history search while Send waits
    //! for the balance or the connection).
    function focusMain() {
        (sendButton.enabled ? sendButton : searchField).forceActiveFocus()
        focusWaitsForSend = !sendButton.enabled
    }
    // Send became usable while the focus waited in the untouched search field: it goes to Send.
    property bool focusWaitsForSend: false
    function sendEnabledChanged() {
        if (focusWaitsForSend && sendButton.enabled && searchField.activeFocus && searchField.text.length === 0)
            sendButton.forceActiveFocus()
        focusWaitsForSend = false
    }
    function openPath(path) {
        const parts = path.split("/")
        if (parts[0] === "send")
            page.sendSheet().start(parts.length > 1 ? parts[1] : "")
        else if (parts[0] === "request" && parts.length > 1)
            page.requestSheet().showRequest(parts[1])
        else if (parts[0] === "request")
            page.requestSheet().start()
        else if (parts[0] === "export")
            page.exportDialog().open() // settles once on screen: a dialog whose QML is missing never does
        else if (parts[0] === "topup")
            page.topUpSheet().start()
        // A request being shown settles once its lookup answers; a new one at once.
        if (parts.length === 1)
            App.pageSettled = true
    }
    function openLink(link) {
        page.payLinkSheet().start(link)
    }

    // For the sheets, built later inside Loaders: there "summary" would name their own property.
    readonly property QtObject walletSummary: summary
    WalletSummary {
        id: summary
        cache: App.session.cache
    }
    TransactionsModel {
        id: txModel
        cache: App.session.cache
        pageSize: 40
    }

    // At most Theme.contentMaxWidth wide, centred: the list is not stretched across a wide screen.
    ColumnLayout {
        anchors.top: parent.top
        anchors.bottom: parent.bottom
        anchors.horizontalCenter: parent.horizontalCenter
        anchors.topMargin: Theme.spacingXl
        anchors.bottomMargin: Theme.spacingXl
        width: Math.min(parent.width - 2 * Theme.spacingXl, Theme.contentMaxWidth)
        spacing: Theme.spacingL

        // Offline / stale notice: the numbers below are the cache's, from that time.
        Rectangle {
            objectName: "walletStaleBanner"
            visible: summary.loaded && summary.stale
            radius: Theme.radiusM
            color: Theme.accentSoft
            implicitHeight: staleRow.implicitHeight + 2 * Theme.spacingM
            Layout.fillWidth: true
            RowLayout {
                id: staleRow
                anchors.fill: parent
                anchors.margins: Theme.spacingM
                spacing: Theme.spacingS
                Icon { name: "wifi-off"; size: 18; color: Theme.accent }
                Label {
                    text: page.offline
                          ? qsTr("Offline — showing your wallet as of %1. Sending and requesting need a connection.").arg(Time.dateTime(summary.asOf))
                          : qsTr("Showing your wallet as of %1; updating…").arg(Time.dateTime(summary.asOf))
                    color: Theme.text
                    font.pixelSize: Theme.fontBody
                    wrapMode: Text.Wrap
                    textFormat: Text.PlainText
                    Layout.fillWidth: true
                }
            }
        }

        // Payments whose answer was lost: retried with their own key, never a new one.
        Rectangle {
            objectName: "walletPendingBanner"
            visible: App.wallet.pendingCount > 0
            radius: Theme.radiusM
            color: Theme.surface
            border.width: 1
            border.color: Theme.border
            implicitHeight: pendingRow.implicitHeight + 2 * Theme.spacingM
            Layout.fillWidth: true
            RowLayout {
                id: pendingRow
                anchors.fill: parent
                anchors.margins: Theme.spacingM
                spacing: Theme.spacingS
                Icon { name: "hourglass"; size: 18; color: Theme.textMuted }
                Label {
                    text: qsTr("%n payment(s) awaiting confirmation from the server. Plaza retries each with its own key, so none can go out twice.", "", App.wallet.pendingCount)
                    color: Theme.text
                    font.pixelSize: Theme.fontBody
                    wrapMode: Text.Wrap
                    textFormat: Text.PlainText
                    Layout.fillWidth: true
                }
                AppButton {
                    text: qsTr("Retry now")
                    variant: "secondary"
                    enabled: !page.offline
                    onClicked: App.wallet.retryNow()
                }
            }
        }

        // Balance, limits and the three actions.
        Rectangle {
            radius: Theme.radiusL
            color: Theme.surface
            border.width: 1
            border.color: Theme.border
            implicitHeight: balanceRow.implicitHeight + 2 * Theme.spacingXl
            opacity: summary.stale ? 0.85 : 1
            Layout.fillWidth: true

            // The buttons beside the balance, or under it in a narrow window (at 780 px the limits
            // were squeezed into a column a word wide).
            GridLayout {
                id: balanceRow
                objectName: "walletBalanceCard"
                readonly property bool narrow: width < Theme.stackCardBelow
                anchors.fill: parent
                anchors.margins: Theme.spacingXl
                columns: narrow ? 1 : 2
                columnSpacing: Theme.spacingXl
                rowSpacing: Theme.spacingL

                ColumnLayout {
                    spacing: Theme.spacingXs
                    Layout.fillWidth: true
                    Label {
                        text: qsTr("Balance")
                        color: Theme.textMuted
                        font.pixelSize: Theme.fontBody
                        textFormat: Text.PlainText
                    }
                    // Never "0.00" while loading: a placeholder bar until the cache answers.
                    Item {
                        id: balanceSlot
                        readonly property int placeholderWidth: 180
                        implicitHeight: 44
                        // The placeholder's width while loading: the buttons beside it keep clear of it.
                        implicitWidth: summary.loaded ? balanceText.implicitWidth : placeholderWidth
                        Layout.fillWidth: true
                        Label {
                            id: balanceText
                            objectName: "walletBalance"
                            visible: summary.loaded
                            text: summary.formattedBalance
                            color: summary.stale ? Theme.textMuted : Theme.text
                            font.family: Theme.moneyFont.family
                            font.pixelSize: 36
                            font.weight: Font.Bold
                            textFormat: Text.PlainText
                            anchors.verticalCenter: parent.verticalCenter
                        }
                        Rectangle {
                            visible: !summary.loaded
                            width: balanceSlot.placeholderWidth
                            height: 28
                            radius: Theme.radiusS
                            color: Theme.hover
                            anchors.verticalCenter: parent.verticalCenter
                            Accessible.name: qsTr("Loading your balance")
                        }
                    }
                    // Never read yet and offline: say what it waits for, not a placeholder that never ends.
                    Item {
                        visible: !summary.loaded && page.offline
                        // As wide as the placeholder; the line wraps inside. (A wrapping Label with its own
                        // Layout.preferredWidth left this column's layout stale once the balance loaded.)
                        implicitWidth: balanceSlot.placeholderWidth
                        implicitHeight: balanceWaits.implicitHeight
                        Layout.fillWidth: true
                        Label {
                            id: balanceWaits
                            objectName: "balanceWaits"
                            width: parent.width
                            text: qsTr("Your balance shows here once Plaza is back online.")
                            color: Theme.textMuted
                            font.pixelSize: Theme.fontBody
                            wrapMode: Text.Wrap
                            textFormat: Text.PlainText
                        }
                    }
                    Label {
                        visible: summary.loaded
                        text: qsTr("%1 available").arg(summary.formattedAvailable)
                        color: Theme.textMuted
                        font.family: Theme.moneyFont.family
                        font.pixelSize: Theme.fontBody
                        textFormat: Text.PlainText
                    }
                    RowLayout {
                        visible: summary.loaded
                        spacing: Theme.spacingS
                        Layout.topMargin: Theme.spacingS
                        Rectangle {
                            radius: height / 2
                            color: summary.verification === "full" ? Theme.accentSoft : Theme.background
                            border.width: 1
                            border.color: Theme.border
                            implicitWidth: verificationLabel.implicitWidth + Theme.spacingM
                            implicitHeight: verificationLabel.implicitHeight + 6
                            Label {
                                id: verificationLabel
                                anchors.centerIn: parent
                                text: summary.verification === "full" ? qsTr("Fully verified") : qsTr("Basic verification")
                                color: summary.verification === "full" ? Theme.accent : Theme.textMuted
                                font.pixelSize: Theme.fontCaption
                                font.weight: Font.DemiBold
                                textFormat: Text.PlainText
                            }
                        }
                        Label {
                            objectName: "walletLimits"
                            text: qsTr("Up to %1 per payment · %2 of %3 left today")
                                  .arg(Format.formatMoney(summary.limitPerPaymentMinor, summary.currency))
                                  .arg(Format.formatMoney(summary.remainingTodayMinor, summary.currency))
                                  .arg(Format.formatMoney(summary.limitDailyMinor, summary.currency))
                            color: Theme.textMuted
                            font.pixelSize: Theme.fontCaption
                            wrapMode: Text.Wrap
                            textFormat: Text.PlainText
                            Layout.fillWidth: true
                        }
                    }
                }

                ColumnLayout {
                    spacing: Theme.spacingS
                    Layout.alignment: Qt.AlignTop
                    // As wide as the longest label ("Ajouter de l'argent" overflowed its button at 1024 px);
                    // the card's width when under the balance.
                    Layout.preferredWidth: Math.max(200, implicitWidth)
                    Layout.minimumWidth: implicitWidth
                    Layout.fillWidth: balanceRow.narrow
                    AppButton {
                        id: sendButton
                        objectName: "sendButton"
                        onEnabledChanged: page.sendEnabledChanged()
                        text: qsTr("Send")
                        iconName: "arrow-up-right"
                        enabled: !page.offline && summary.loaded
                        Layout.fillWidth: true
                        ToolTip.visible: hovered && page.offline
                        ToolTip.text: page.offlineReason
                        onClicked: page.sendSheet().start("")
                    }
                    AppButton {
                        objectName: "requestButton"
                        text: qsTr("Request")
                        iconName: "arrow-down-left"
                        variant: "secondary"
                        enabled: !page.offline && summary.loaded
                        Layout.fillWidth: true
                        ToolTip.visible: hovered && page.offline
                        ToolTip.text: page.offlineReason
                        onClicked: page.requestSheet().start()
                    }
                    AppButton {
                        objectName: "payLinkButton"
                        text: qsTr("Pay a link")
                        iconName: "link"
                        variant: "secondary"
                        enabled: !page.offline && summary.loaded
                        Layout.fillWidth: true
                        ToolTip.visible: hovered && page.offline
                        ToolTip.text: page.offlineReason
                        onClicked: page.payLinkSheet().start("")
                    }
                    AppButton {
                        objectName: "topUpButton"
                        text: qsTr("Add money")
                        iconName: "plus"
                        variant: "secondary"
                        enabled: !page.offline && summary.loaded
                        Layout.fillWidth: true
                        ToolTip.visible: hovered && page.offline
                        ToolTip.text: page.offlineReason
                        onClicked: page.topUpSheet().start()
                    }
                }
            }
        }

        // History: filters, search, export.
        RowLayout {
            spacing: Theme.spacingS
            Layout.fillWidth: true
            Layout.bottomMargin: -Theme.spacingS
            Label {
                text: qsTr("History")
                color: Theme.text
                font.pixelSize: Theme.fontSubtitle
                font.weight: Font.DemiBold
                textFormat: Text.PlainText
                Accessible.role: Accessible.Heading
                Layout.rightMargin: Theme.spacingS
            }
            Item { Layout.fillWidth: true }
            AppButton {
                objectName: "exportButton"
                text: qsTr("Export CSV")
                iconName: "file-down"
                variant: "quiet"
                implicitHeight: 32
                enabled: history.count > 0
                onClicked: page.exportDialog().open()
            }
        }
        GridLayout {
            id: historyFilters
            // Narrow windows (780 px wide and up): the search gets a row of its own rather
            // than a sliver beside the kind filter.
            readonly property bool narrow: width < Theme.stackRowBelow
            columns: narrow ? 4 : 5
            columnSpacing: Theme.spacingS
            rowSpacing: Theme.spacingS
            Layout.fillWidth: true
            Repeater {
                model: [
                    { value: "", label: qsTr("All") },
                    { value: "in", label: qsTr("Money in") },
                    { value: "out", label: qsTr("Money out") }
                ]
                delegate: SegmentedButton {
                    required property var modelData
                    objectName: "directionFilter_" + (modelData.value || "all")
                    text: modelData.label
                    selected: txModel.direction === modelData.value
                    implicitHeight: 32
                    onChosen: txModel.direction = modelData.value
                }
            }
            AppComboBox {
                id: kindFilter
                objectName: "kindFilter"
                textRole: "label"
                valueRole: "value"
                implicitHeight: 32
                Layout.preferredWidth: 170
                Layout.fillWidth: historyFilters.narrow // the row ends where the search below it ends
                Accessible.name: qsTr("Kind of transaction")
                model: [
                    { value: "", label: qsTr("Every kind") },
                    { value: "transfer", label: WalletText.kindName("transfer") },
                    { value: "merchant_payment", label: WalletText.kindName("merchant_payment") },
                    { value: "top_up", label: WalletText.kindName("top_up") },
                    { value: "refund", label: WalletText.kindName("refund") },
                    { value: "savings_deposit", label: WalletText.kindName("savings_deposit") },
                    { value: "savings_withdrawal", label: WalletText.kindName("savings_withdrawal") },
                    { value: "interest", label: WalletText.kindName("interest") }
                ]
                onActivated: txModel.kind = currentValue
            }
            TextField {
                id: searchField
                objectName: "historySearch"
                // Short: at 1024 px in French the long form was cut ("Rechercher notes et personn…");
                // the tooltip and the accessible name say what it searches.
                placeholderText: qsTr("Search")
                ToolTip.visible: hovered && text.length === 0
                ToolTip.text: qsTr("Search notes and people")
                implicitHeight: 32
                leftPadding: 30
                selectByMouse: true
                color: Theme.text
                font.pixelSize: Theme.fontBody
                Layout.fillWidth: true
                Layout.columnSpan: historyFilters.narrow ? historyFilters.columns : 1
                Accessible.name: qsTr("Search the history")
                background: Rectangle {
                    radius: Theme.radiusM
                    color: Theme.surface
                    border.width: searchField.activeFocus ? 2 : 1
                    border.color: searchField.activeFocus ? Theme.focusRing : Theme.border
                    Icon { name: "search"; size: 16; color: Theme.textFaint; anchors.left: parent.left; anchors.leftMargin: 9; anchors.verticalCenter: parent.verticalCenter }
                }
                onTextChanged: searchDelay.restart()
                Timer {
                    id: searchDelay
                    interval: 200
                    onTriggered: txModel.query = searchField.text.trim()
                }
            }
        }

        RequestsPanel {
            Layout.fillWidth: true
            // At 1024×700 three requests left the history a single row.
            visibleRows: page.height < 760 ? 1 : 3
            onPayRequested: link => page.payLinkSheet().start(link, true)
        }

        Rectangle {
            radius: Theme.radiusL
            color: Theme.surface
            border.width: 1
            border.color: Theme.border
            Layout.fillWidth: true
            Layout.fillHeight: true

            ListView {
                id: history
                objectName: "historyList"
                TabThrough { view: history }
                anchors.fill: parent
                anchors.margins: Theme.spacingS
                clip: true
                model: txModel
                spacing: 0
                reuseItems: true
                boundsBehavior: Flickable.StopAtBounds
                // Keyboard: Tab lands on the list, arrows move, Enter opens the details.
                activeFocusOnTab: count > 0
                keyNavigationEnabled: true
                currentIndex: -1
                Accessible.role: Accessible.List
                Accessible.name: qsTr("Transaction history")
                onActiveFocusChanged: if (activeFocus && currentIndex < 0 && count > 0) currentIndex = 0
                Keys.onReturnPressed: if (currentItem) currentItem.clicked()
                Keys.onEnterPressed: if (currentItem) currentItem.clicked()
                ScrollBar.vertical: ScrollBar { }
                section.property: "day"
                section.criteria: ViewSection.FullString
                section.delegate: Label {
                    required property string section
                    width: ListView.view.width
                    text: Time.dayLabel(section, Time.today)
                    color: Theme.textMuted
                    font.pixelSize: Theme.fontCaption
                    font.weight: Font.DemiBold
                    topPadding: Theme.spacingM
                    bottomPadding: Theme.spacingXs
                    leftPadding: Theme.spacingM
                    textFormat: Text.PlainText
                }
                delegate: TransactionDelegate {
                    width: ListView.view.width
                    highlighted: ListView.isCurrentItem && history.activeFocus
                    onClicked: page.detailSheet().show({
                        id: model.id, kind: model.kind, direction: model.direction, status: model.status,
                        formattedAmount: (model.direction === "in" ? "+" : "") + model.formattedAmount,
                        counterpartyName: model.counterpartyName, counterpartyHandle: model.counterpartyHandle,
                        note: model.note, createdAt: model.createdAt,
                        formattedBalanceAfter: model.formattedBalanceAfter, requestId: model.requestId
                    })
                }
                // Infinite scroll: the next page from the cache as the end comes into view. The
                // model keeps a bounded window of rows: scrolled back up, it reads again the
                // newer ones it dropped.
                onContentYChanged: maybeFetch()
                onCountChanged: maybeFetch()
                function maybeFetch() {
                    if (!txModel.loading && !txModel.atEnd && contentHeight - (contentY + height) < 400)
                        txModel.fetchMore(txModel.index(-1, -1))
                    else if (!txModel.loading && !txModel.atStart && contentY - originY < 400)
                        txModel.fetchNewer()
                }
                footer: Item {
                    width: ListView.view.width
                    height: txModel.count > 0 && !txModel.atEnd ? 48 : (txModel.count > 0 ? 40 : 0)
                    Spinner {
                        anchors.centerIn: parent
                        active: txModel.loading && history.count > 0
                        width: 24
                        height: 24
                    }
                    Label {
                        anchors.centerIn: parent
                        visible: txModel.atEnd && history.count > 0
                        text: qsTr("That's everything.")
                        color: Theme.textFaint
                        font.pixelSize: Theme.fontCaption
                        textFormat: Text.PlainText
                    }
                }
            }

            // Loading, empty and error states, in place of the list.
            ColumnLayout {
                anchors.centerIn: parent
                width: Math.min(parent.width - 2 * Theme.spacingXl, 420)
                visible: history.count === 0
                spacing: Theme.spacingS
                Spinner {
                    active: txModel.loading || !summary.loaded && txModel.error.length === 0 && !txModel.atEnd
                    Layout.alignment: Qt.AlignHCenter
                }
                Icon {
                    visible: !txModel.loading && txModel.atEnd
                    name: txModel.error.length > 0 ? "circle-alert" : page.filtered ? "search" : "receipt-text"
                    size: 32
                    color: txModel.error.length > 0 ? Theme.danger : Theme.textFaint
                    Layout.alignment: Qt.AlignHCenter
                }
                Label {
                    objectName: "historyEmptyTitle"
                    visible: !txModel.loading && txModel.atEnd
                    text: txModel.error.length > 0 ? qsTr("Your history couldn't be read")
                          : page.filtered ? qsTr("Nothing matches these filters")
                          : qsTr("No money has moved yet")
                    color: Theme.text
                    font.pixelSize: Theme.fontSubtitle
                    font.weight: Font.DemiBold
                    horizontalAlignment: Text.AlignHCenter
                    wrapMode: Text.Wrap
                    textFormat: Text.PlainText
                    Layout.fillWidth: true
                }
                Label {
                    visible: !txModel.loading && txModel.atEnd
                    text: txModel.error.length > 0 ? qsTr("Plaza couldn't read its local cache. Try again; if it keeps failing, sign out and in again to rebuild it.")
                          : page.filtered ? qsTr("Try another search, or show everything.")
                          : qsTr("Ask a friend for money with Request, or pay someone with Send. Everything you do shows up here.")
                    color: Theme.textMuted
                    font.pixelSize: Theme.fontBody
                    horizontalAlignment: Text.AlignHCenter
                    wrapMode: Text.Wrap
                    textFormat: Text.PlainText
                    Layout.fillWidth: true
                }
                AppButton {
                    visible: !txModel.loading && txModel.atEnd && (page.filtered || txModel.error.length > 0)
                    text: txModel.error.length > 0 ? qsTr("Try again") : qsTr("Show everything")
                    variant: "secondary"
                    Layout.alignment: Qt.AlignHCenter
                    onClicked: {
                        if (txModel.error.length > 0) {
                            txModel.reload()
                            return
                        }
                        searchField.text = ""
                        txModel.query = ""
                        txModel.direction = ""
                        txModel.kind = ""
                        kindFilter.currentIndex = 0
                    }
                }
            }
        }
    }

    // The sheets and the export dialog are built the first time they are asked for, then kept:
    // at start they only cost time before the first populated frame (issue 15).
    function sendSheet() { return page.built(sendSheetLoader) }
    function topUpSheet() { return page.built(topUpSheetLoader) }
    function requestSheet() { return page.built(requestSheetLoader) }
    function payLinkSheet() { return page.built(payLinkSheetLoader) }
    function detailSheet() { return page.built(detailSheetLoader) }
    function exportDialog() { return page.built(exportDialogLoader) }
    function built(loader) {
        loader.active = true
        return loader.item
    }
    Loader {
        id: exportDialogLoader
        active: false
        sourceComponent: FileDialog {
            objectName: "exportDialog"
            onVisibleChanged: if (visible) App.pageSettled = true
            title: qsTr("Export the history as CSV")
            fileMode: FileDialog.SaveFile
            acceptLabel: qsTr("Save") // the non-native dialog says "Open" otherwise
            nameFilters: [qsTr("CSV files (*.csv)")]
            defaultSuffix: "csv"
            selectedFile: Desktop.suggestedFile("plaza-history.csv")
            onAccepted: Desktop.exportCsv(txModel, selectedFile)
        }
    }
    Connections {
        target: Desktop
        function onCsvExported(error) {
            exportNotice.text = error.length > 0 ? Errors.describe(error, "", "") : qsTr("History exported.")
            exportNotice.open()
        }
    }
    ToolTip {
        id: exportNotice
        timeout: 4000
        x: (page.width - width) / 2
        y: page.height - height - Theme.spacingXl
    }

    Loader { id: sendSheetLoader; active: false; sourceComponent: SendSheet { summary: page.walletSummary } }
    Loader { id: topUpSheetLoader; active: false; sourceComponent: TopUpSheet { summary: page.walletSummary } }
    Loader { id: requestSheetLoader; active: false; sourceComponent: RequestSheet { summary: page.walletSummary } }
    Loader { id: payLinkSheetLoader; active: false; sourceComponent: PayLinkSheet { summary: page.walletSummary } }
    Loader { id: detailSheetLoader; active: false; sourceComponent: TransactionSheet { } }
}
