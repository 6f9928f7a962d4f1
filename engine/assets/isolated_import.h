#pragma once
// Crash isolation for imports of untrusted files. Assimp 5.2.5 can segfault or loop on malformed
// input; the app must survive that. The import runs in a forked child process that sends the
// serialised model back through a pipe; a crash, an abort, a sanitizer report or a hang becomes
// an Error naming the file ("RecursiveNodes.gltf: importer crashed (signal 11: Segmentation
// fault)", "...: importer timed out after 30 s").
//
// Threads: fork() copies only the calling thread, so the child must not wait on locks that other
// threads of the parent may hold. The child runs only the importer (no pt::log, no GPU) and leaves
// with _exit(); a lock left held by another thread (malloc is fork-safe in glibc) would at worst
// hang the child, which the timeout then kills. Call from any thread; blocks until done.
#include <chrono>
#include <filesystem>
#include <functional>
#include <string_view>

#include "assets/model_import.h"

namespace pt::assets {

// importModel(path, options) in a child process, killed after options.timeoutSeconds.
Result<ImportedModel> importModelIsolated(const std::filesystem::path& path,
                                          const ImportOptions& options = {});

// The mechanism on its own: runs `work` in a child process and returns its result, or an error
// prefixed with `label` if the child crashes, exits without a result, sends malformed data or
// runs longer than `timeout`. Exposed so tests can inject a crash or a hang.
Result<ImportedModel> runIsolated(const std::function<Result<ImportedModel>()>& work,
                                  std::string_view label, std::chrono::milliseconds timeout);

}  // namespace pt::assets
