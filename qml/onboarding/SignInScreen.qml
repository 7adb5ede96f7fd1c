// SPDX-License-Identifier: MIT
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Plaza

// Sign in to an existing account or create one.
OnboardingFrame {
    id: screen

    //! The plaza::Session (through App.session).
    required property QtObject session
    property string defaultServerUrl: "http://127.0.0.1:8480"

    // Errors belong to a sign-in attempt, not to whatever failed before (a cache that
    // would not open, say). An attempt made before this screen existed (--sign-in-as)
    // still counts, so its failure is shown.
    readonly property var signInCodes: ["unauthorized", "validation_failed", "conflict", "rate_limited",
        "network", "timeout", "tls", "protocol", "internal"]
    property bool attempted: signInCodes.indexOf(session.errorCode) >= 0
    readonly property string errorCode: attempted && !session.busy ? session.errorCode : ""
    readonly property bool codeStep: session.signInCodeRequired
    readonly property string errorField: {
        if (codeStep && errorCode.length > 0)
            return "code"
        if (errorCode === "validation_failed")
            return session.errorField
        if (errorCode === "conflict")
            return "handle"
        if (["network", "timeout", "tls", "protocol"].indexOf(errorCode) >= 0)
            return "server"
        return ""
    }

    title: codeStep ? qsTr("Two-factor sign-in")
                    : form.createAccount ? qsTr("Create your Plaza account") : qsTr("Sign in to Plaza")
    subtitle: codeStep ? qsTr("Your password was right. One more step keeps your money safe.")
                       : form.createAccount ? qsTr("Your feed, chats, wallet and savings, in one calm place.")
                                            : qsTr("Pick up your feed, chats and money where you left them.")

    // After "Delete account": the account is gone on the server, its copy on this device is
    // not, until the person says so.
    ColumnLayout {
        objectName: "leftoverCacheOffer"
        visible: screen.session.leftoverCache
        spacing: Theme.spacingS
        Layout.fillWidth: true
        Label {
            text: qsTr("Your account was deleted. This device still has its copy (posts, messages and wallet history). Delete it now?")
            color: Theme.text
            font.pixelSize: Theme.fontBody
            wrapMode: Text.Wrap
            textFormat: Text.PlainText
            Layout.fillWidth: true
        }
        RowLayout {
            spacing: Theme.spacingS
            Layout.fillWidth: true
            AppButton {
                objectName: "deleteLeftoverButton"
                text: qsTr("Delete the copy")
                variant: "danger"
                onClicked: screen.session.deleteLeftoverCache()
            }
            AppButton {
                objectName: "keepLeftoverButton"
                text: qsTr("Keep it")
                variant: "secondary"
                onClicked: screen.session.keepLeftoverCache()
            }
        }
    }
    Label {
        objectName: "keptCacheNotice"
        visible: screen.session.keptCachePath.length > 0
        text: qsTr("The damaged cache was kept as %1.").arg(screen.session.keptCachePath)
        color: Theme.textMuted
        font.pixelSize: Theme.fontCaption
        wrapMode: Text.WrapAnywhere
        textFormat: Text.PlainText
        Layout.fillWidth: true
    }

    TabBar {
        id: modeBar
        visible: !screen.codeStep
        Layout.fillWidth: true
        currentIndex: 0
        onCurrentIndexChanged: {
            screen.attempted = false
            form.focusFirstEmpty()
        }
        background: Rectangle {
            radius: Theme.radiusM
            color: Theme.background
        }
        Repeater {
            model: [qsTr("Sign in"), qsTr("Create account")]
            TabButton {
                id: tab
                required property string modelData
                text: modelData
                Accessible.name: modelData
                implicitHeight: 36
                contentItem: Text {
                    text: tab.text
                    font.pixelSize: Theme.fontBody
                    font.weight: tab.checked ? Font.DemiBold : Font.Normal
                    color: tab.checked ? Theme.text : Theme.textMuted
                    horizontalAlignment: Text.AlignHCenter
                    verticalAlignment: Text.AlignVCenter
                    textFormat: Text.PlainText
                    elide: Text.ElideRight
                }
                background: Rectangle {
                    anchors.fill: parent
                    anchors.margins: 3
                    radius: Theme.radiusS
                    color: tab.checked ? Theme.surfaceRaised : "transparent"
                    border.width: tab.checked ? 1 : 0
                    border.color: Theme.border
                    FocusRing { shown: tab.visualFocus; ringRadius: Theme.radiusS }
                }
            }
        }
    }

    SignInForm {
        id: form
        createAccount: modeBar.currentIndex === 1
        busy: screen.session.busy
        serverUrl: screen.session.serverUrl.length > 0 ? screen.session.serverUrl : screen.defaultServerUrl
        codeStep: screen.codeStep
        errorField: screen.errorField
        errorText: screen.codeStep || screen.session.errorReason === "challenge_invalid"
                   ? Errors.describeSecurity(screen.session.errorReason, screen.errorCode)
                   : Errors.describe(screen.errorCode, screen.session.errorField, serverUrl.trim())
        Layout.fillWidth: true
        onSubmitted: {
            screen.attempted = true
            if (createAccount)
                screen.session.createAccount(serverUrl.trim(), normalizedHandle, displayName.trim(), password)
            else
                screen.session.signIn(serverUrl.trim(), normalizedHandle, password)
        }
        onCodeSubmitted: (code, recovery) => {
            screen.attempted = true
            screen.session.submitSignInCode(code, recovery)
        }
        onCodeCancelled: screen.session.cancelSignInCode()
    }

    Component.onCompleted: form.focusFirstEmpty()
}
