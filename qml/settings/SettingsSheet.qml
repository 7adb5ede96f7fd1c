// SPDX-License-Identifier: MIT
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Plaza
import Plaza.Desktop

// Settings: appearance, language, notifications, the app lock, the account and its
// server, and what version this is. Every choice is saved at once (settings.ini next to
// the saved account; the app lock's secret only as a hash in the keychain).
Sheet {
    id: sheet
    objectName: "settingsSheet"

    signal signOutRequested()
    signal feedbackRequested()

    title: qsTr("Settings")
    onAboutToShow: {
        sessionsSection.reload()
        twoFactorSection.reload()
        blockedSection.reload()
        mutedSection.reload()
    }
    width: Math.min(560, parent ? parent.width - 2 * Theme.spacingXl : 560)

    //! --page settings[/security|/two-factor|/password|/delete-account|/storage|/blocked|/muted]: the sheet,
    //! scrolled to the two-factor section (and its enrolment started) or to Storage, or with a
    //! sheet of its own open.
    //! Scrolls the two-factor section to the top, so that each step of an enrolment (the
    //! password, the QR code, the recovery codes) is in view as it comes.
    function showTwoFactor() {
        scrollTo(twoFactorSection)
    }
    //! What --page scrolled to: kept in view while the sections above it load (sessions, two-factor).
    property Item scrollTarget: null
    onClosed: scrollTarget = null
    function scrollTo(item) {
        Qt.callLater(() => scroller.contentItem.contentY = Math.max(0, Math.min(
            item.y - Theme.spacingXl, content.height - scroller.height)))
    }

    function openPath(path) {
        open()
        if (path === "security" || path === "two-factor") {
            if (path === "two-factor")
                twoFactorSection.stage = "password"
            showTwoFactor()
        } else if (path === "password") {
            changePassword.open()
        } else if (path === "delete-account") {
            deleteAccount.open()
        } else if (path === "storage") {
            scrollTo(storageTitle)
        } else if (path === "blocked") {
            scrollTarget = blockedTitle
            scrollTo(blockedTitle)
        } else if (path === "muted") {
            scrollTarget = mutedTitle
            scrollTo(mutedTitle)
        }
    }

    contentItem: ScrollView {
        id: scroller
        implicitHeight: Math.min(content.implicitHeight, 560)
        contentWidth: availableWidth
        clip: true

        ColumnLayout {
            id: content
            width: scroller.availableWidth
            onHeightChanged: if (sheet.scrollTarget && !scroller.contentItem.moving) sheet.scrollTo(sheet.scrollTarget)
            spacing: Theme.spacingM

            SectionTitle { text: qsTr("Appearance") }
            SettingRow {
                title: qsTr("Theme")
                detail: qsTr("System follows your desktop's light or dark mode.")
                ChoiceBox {
                    objectName: "themeChoice"
                    Accessible.name: qsTr("Theme")
                    value: Preferences.themeMode
                    model: [
                        { value: "system", label: qsTr("System") },
                        { value: "light", label: qsTr("Light") },
                        { value: "dark", label: qsTr("Dark") }
                    ]
                    onChosen: value => Preferences.themeMode = value
                }
            }
            SettingRow {
                title: qsTr("Language")
                detail: qsTr("Dates, numbers and amounts follow the language too.")
                ChoiceBox {
                    objectName: "languageChoice"
                    Accessible.name: qsTr("Language")
                    value: Preferences.language
                    model: [
                        { value: "", label: qsTr("System language") },
                        { value: "en", label: "English" },
                        { value: "fr", label: "Français" }
                    ]
                    onChosen: value => Preferences.language = value
                }
            }

            SectionTitle { text: qsTr("Notifications") }
            SettingRow {
                title: qsTr("Show notifications for new messages")
                detail: qsTr("While Plaza's window is in the background. When Plaza is locked, they never say who wrote or what.")
                Switch {
                    objectName: "notificationsSwitch"
                    Accessible.name: qsTr("Show notifications for new messages")
                    checked: Preferences.notificationsEnabled
                    onToggled: Preferences.notificationsEnabled = checked
                }
            }
            SettingRow {
                title: qsTr("Show message text in notifications")
                detail: qsTr("Off: notifications say who wrote, not what.")
                Switch {
                    objectName: "notificationPreviewsSwitch"
                    Accessible.name: qsTr("Show message text in notifications")
                    enabled: Preferences.notificationsEnabled
                    checked: Preferences.notificationPreviews
                    onToggled: Preferences.notificationPreviews = checked
                }
            }

            SectionTitle { visible: Preferences.trayAvailable; text: qsTr("Window") }
            SettingRow {
                visible: Preferences.trayAvailable
                title: qsTr("Keep running in the tray")
                detail: qsTr("Closing the window keeps Plaza in the system tray; click the tray icon to bring it back.")
                Switch {
                    objectName: "traySwitch"
                    Accessible.name: qsTr("Keep running in the tray")
                    checked: Preferences.minimizeToTray
                    onToggled: Preferences.minimizeToTray = checked
                }
            }

            SectionTitle { text: qsTr("Security") }
            SettingRow {
                title: qsTr("App lock")
                detail: !App.appLock.configured ? qsTr("Not set yet. You'll be asked to set one before your first payment.")
                        : App.appLock.kind === "pin" ? qsTr("A PIN confirms payments.") : qsTr("A passphrase confirms payments.")
                AppButton {
                    objectName: "changeLockButton"
                    text: App.appLock.configured ? qsTr("Change…") : qsTr("Set…")
                    variant: "secondary"
                    onClicked: changeLock.open()
                }
            }
            SettingRow {
                title: qsTr("Lock when idle")
                detail: qsTr("Hides everything behind the app lock after this long without a key press or click.")
                ChoiceBox {
                    objectName: "idleChoice"
                    Accessible.name: qsTr("Lock when idle")
                    enabled: App.appLock.configured
                    value: App.appLock.idleMinutes
                    model: [
                        { value: 0, label: qsTr("Never") },
                        { value: 1, label: qsTr("After 1 minute") },
                        { value: 5, label: qsTr("After 5 minutes") },
                        { value: 15, label: qsTr("After 15 minutes") },
                        { value: 60, label: qsTr("After 1 hour") }
                    ]
                    onChosen: value => App.appLock.idleMinutes = value
                }
            }
            SettingRow {
                visible: App.appLock.configured
                title: qsTr("Lock now")
                detail: qsTr("Shortcut: Ctrl+L")
                AppButton {
                    text: qsTr("Lock")
                    iconName: "lock-keyhole"
                    variant: "secondary"
                    onClicked: {
                        sheet.close()
                        App.appLock.lock()
                    }
                }
            }

            SectionTitle { text: qsTr("Two-factor sign-in") }
            TwoFactorSection {
                id: twoFactorSection
                onStageChanged: if (stage !== "") sheet.showTwoFactor()
            }

            SectionTitle { text: qsTr("Account") }
            SettingRow {
                title: qsTr("Server")
                detail: qsTr("%1 — to use another server, sign out and sign in there.").arg(App.session.serverUrl)
            }
            SettingRow {
                title: qsTr("Password")
                detail: qsTr("Changing it signs out every other device.")
                AppButton {
                    objectName: "changePasswordSettingsButton"
                    text: qsTr("Change password…")
                    variant: "secondary"
                    onClicked: changePassword.open()
                }
            }
            SectionTitle { text: qsTr("Sessions") }
            Label {
                text: qsTr("Devices signed in to your account. Ending a session signs that device out at once.")
                color: Theme.textMuted
                font.pixelSize: Theme.fontCaption
                wrapMode: Text.Wrap
                Layout.fillWidth: true
            }
            SessionsSection { id: sessionsSection }

            SettingRow {
                title: qsTr("Sign out")
                detail: qsTr("Deletes this device's cache and its key. Nothing changes on the server.")
                AppButton {
                    text: qsTr("Sign out…")
                    variant: "danger"
                    onClicked: {
                        sheet.close()
                        sheet.signOutRequested()
                    }
                }
            }

            SettingRow {
                title: qsTr("Delete account")
                detail: qsTr("Removes your account from the server for good. Your wallet and savings must be empty.")
                AppButton {
                    objectName: "deleteAccountSettingsButton"
                    text: qsTr("Delete account…")
                    variant: "danger"
                    onClicked: deleteAccount.open()
                }
            }

            SectionTitle { id: blockedTitle; text: qsTr("Blocked people") }
            Label {
                text: qsTr("They can't message you, ask you for money, see your posts or find you in search. Conversations with them stay readable.")
                color: Theme.textMuted
                font.pixelSize: Theme.fontCaption
                wrapMode: Text.Wrap
                Layout.fillWidth: true
            }
            BlockedSection { id: blockedSection }

            SectionTitle { id: mutedTitle; text: qsTr("Muted people") }
            Label {
                text: qsTr("Their posts and reposts stay out of your feed; their profile still shows them. They aren't told, and messages and payments work as before.")
                color: Theme.textMuted
                font.pixelSize: Theme.fontCaption
                wrapMode: Text.Wrap
                Layout.fillWidth: true
            }
            MutedSection { id: mutedSection }

            SectionTitle { id: storageTitle; text: qsTr("Storage") }
            SettingRow {
                objectName: "mediaStorageRow"
                title: qsTr("Photos and files on this device")
                detail: App.media.usedBytes > 0
                        ? qsTr("%1 of %2 used. Encrypted like the rest of your data; when space runs out, what you saw longest ago goes first.")
                              .arg(Format.formatBytes(App.media.usedBytes)).arg(Format.formatBytes(App.media.limitBytes))
                        : qsTr("Nothing kept yet (at most %1). Photos and files you open are kept encrypted, so they show offline.")
                              .arg(Format.formatBytes(App.media.limitBytes))
                AppButton {
                    objectName: "clearMediaButton"
                    text: qsTr("Clear")
                    iconName: "trash-2"
                    variant: "secondary"
                    enabled: App.media.usedBytes > 0
                    onClicked: App.media.clear()
                }
            }

            SectionTitle { text: qsTr("About") }
            SettingRow {
                objectName: "aboutRow"
                title: qsTr("Plaza %1").arg(App.version)
                detail: qsTr("Qt %1 · %2 · MIT licence. Icons: Lucide (ISC).").arg(App.qtVersion).arg(App.platformName)
                AppButton {
                    text: qsTr("Send feedback…")
                    variant: "secondary"
                    onClicked: sheet.feedbackRequested()
                }
            }
        }
    }

    ChangeLockSheet { id: changeLock }
    ChangePasswordSheet { id: changePassword }
    DeleteAccountSheet { id: deleteAccount }
}
