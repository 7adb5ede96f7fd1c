// SPDX-License-Identifier: MIT
pragma Singleton
import QtQml

// The words for the wallet's codes (transaction kinds and statuses), in the user's language.
QtObject {
    function kindName(kind) {
        switch (kind) {
        case "transfer": return qsTr("Transfer")
        case "merchant_payment": return qsTr("Purchase")
        case "top_up": return qsTr("Card top-up")
        case "savings_deposit": return qsTr("To savings")
        case "savings_withdrawal": return qsTr("From savings")
        case "interest": return qsTr("Interest")
        case "refund": return qsTr("Refund")
        default: return kind || ""
        }
    }

    //! The note to show for a transaction. The server writes a fixed English note on every
    //! savings move ("To savings"); the kind, translated, already says that, so it is not shown.
    function noteOf(kind, note) {
        if (kind === "savings_deposit" || kind === "savings_withdrawal")
            return ""
        return note || ""
    }

    //! The headline of a row or a detail sheet: who, or what kind of movement.
    function kindTitle(kind, direction, name) {
        if (name && name.length > 0) {
            if (kind === "refund")
                return qsTr("Refund from %1").arg(name)
            return direction === "in" ? qsTr("From %1").arg(name) : qsTr("To %1").arg(name)
        }
        return kindName(kind)
    }

    function statusName(status) {
        switch (status) {
        case "pending": return qsTr("Pending")
        case "completed": return qsTr("Completed")
        case "failed": return qsTr("Failed")
        case "reversed": return qsTr("Reversed")
        case "awaiting": return qsTr("Awaiting confirmation")
        // Payment requests' states.
        case "paid": return qsTr("Paid")
        case "declined": return qsTr("Declined")
        case "cancelled": return qsTr("Cancelled")
        case "expired": return qsTr("Expired")
        default: return status || ""
        }
    }
}
