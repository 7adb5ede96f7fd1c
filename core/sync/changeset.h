// SPDX-License-Identifier: MIT
#pragma once

// The change stream's unit lives in the storage layer (storage/changeset.h), where the models
// meet it through storage::Cache; the sync code keeps its name for it.
#include "storage/changeset.h"

namespace plaza::sync {
using ChangeSet = storage::ChangeSet;
} // namespace plaza::sync
