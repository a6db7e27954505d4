#include "core/status.h"

namespace scrutiny {

ExitCode Status::exit_code() const {
  switch (code_) {
    case Code::kOk: return ExitCode::kOk;
    case Code::kInvalidInput: return ExitCode::kBadInput;
    case Code::kNotFound:
    case Code::kIoError: return ExitCode::kIoError;
    case Code::kInternal: return ExitCode::kInternal;
  }
  return ExitCode::kInternal;
}

}  // namespace scrutiny
