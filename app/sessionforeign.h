// SPDX-License-Identifier: MIT
#pragma once

#include "media/mediacache.h"
#include "net/apiclient.h"
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

//! The account's local copy (plaza::storage::Cache), handed out as App.session.cache: what
//! the list models read (`TransactionsModel { cache: App.session.cache }`).
struct CacheForeign
{
    Q_GADGET
    QML_FOREIGN(plaza::storage::Cache)
    QML_NAMED_ELEMENT(LocalCache)
    QML_UNCREATABLE("The session owns the cache; use App.session.cache")
};

//! Photos and files kept on this device (App.media): Settings shows its size and clears it.
struct MediaCacheForeign
{
    Q_GADGET
    QML_FOREIGN(plaza::media::MediaCache)
    QML_ANONYMOUS
};

//! The API client (App.session.api), for the models that ask the server themselves.
struct ApiClientForeign
{
    Q_GADGET
    QML_FOREIGN(plaza::net::ApiClient)
    QML_ANONYMOUS
};

//! Session's base (what the services are given): QML reaches it only through App.session,
//! but must know the type to read the properties and signals Session inherits.
struct AccountContextForeign
{
    Q_GADGET
    QML_FOREIGN(plaza::AccountContext)
    QML_ANONYMOUS
};
