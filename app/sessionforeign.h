// SPDX-License-Identifier: MIT
#pragma once

#include "session/session.h"

#include <QtQml/qqml.h>

//! Makes plaza::Session known to QML as `Session` (its State enum: Session.Ready, …).
//! QML never creates one: the app owns the single instance and hands it out as App.session.
struct SessionForeign
{
    Q_GADGET
    QML_FOREIGN(plaza::Session)
    QML_NAMED_ELEMENT(Session)
    QML_UNCREATABLE("The app owns the session; use App.session")
};
