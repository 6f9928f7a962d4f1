#include "core/file_io.h"

#include <cerrno>
#include <cstring>
#include <fstream>

namespace pt {
namespace {

template <class Container>
Result<Container> readFile(const std::filesystem::path& path) {
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) return makeError(path.string(), ": file not found");
    if (std::filesystem::is_directory(path, ec))
        return makeError(path.string(), ": is a directory, expected a file");
    std::ifstream in(path, std::ios::binary);
    if (!in) return makeError(path.string(), ": cannot open (", std::strerror(errno), ")");
    in.seekg(0, std::ios::end);
    const std::streamoff size = in.tellg();
    in.seekg(0, std::ios::beg);
    Container data;
    data.resize(size_t(size));
    if (size > 0 && !in.read(reinterpret_cast<char*>(data.data()), size))
        return makeError(path.string(), ": read failed");
    return data;
}

}  // namespace

Result<std::string> readTextFile(const std::filesystem::path& path) {
    return readFile<std::string>(path);
}

Result<std::vector<std::byte>> readBinaryFile(const std::filesystem::path& path) {
    return readFile<std::vector<std::byte>>(path);
}

Result<void> writeFileAtomic(const std::filesystem::path& path, std::span<const std::byte> bytes) {
    std::error_code ec;
    if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path(), ec);
    const std::filesystem::path temp = path.string() + ".tmp";
    {
        std::ofstream out(temp, std::ios::binary | std::ios::trunc);
        if (!out) return makeError(path.string(), ": cannot write (", std::strerror(errno), ")");
        out.write(reinterpret_cast<const char*>(bytes.data()), std::streamsize(bytes.size()));
        if (!out) return makeError(path.string(), ": write failed");
    }
    std::filesystem::rename(temp, path, ec);
    if (ec) return makeError(path.string(), ": cannot rename temporary file (", ec.message(), ")");
    return {};
}

Result<void> writeFileAtomic(const std::filesystem::path& path, std::string_view text) {
    return writeFileAtomic(path, std::as_bytes(std::span(text.data(), text.size())));
}

}  // namespace pt
