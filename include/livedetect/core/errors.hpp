#pragma once
// Typed errors thrown at the boundaries (opening a source, loading a model, parsing a
// command line). Messages name the thing and what is wrong; callers show them as is.
#include <stdexcept>
#include <string>

namespace livedetect {

// Bad input from the user: a flag value, a file that is not what it should be.
// The CLI maps it to exit code 2.
class UsageError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

class ModelLoadError : public UsageError {
public:
    using UsageError::UsageError;
};

class SourceOpenError : public UsageError {
public:
    using UsageError::UsageError;
};

}  // namespace livedetect
