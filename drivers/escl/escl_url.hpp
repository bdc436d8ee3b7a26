// eSCL addresses: the operator's "http://127.0.0.1:60000/eSCL" and the Location a device
// returns for a new job, whose host part is often bogus and is therefore thrown away.
#pragma once

#include <string>
#include <string_view>

#include "drivers/common/result.hpp"

namespace guichet::escl {

struct EsclUrl {
    std::string host;
    int port = 80;
    std::string basePath = "/eSCL";  // no trailing slash
};

// http only (eSCL over https is not used by the terminal); IPv6 literals in brackets.
Result<EsclUrl> parseEsclUrl(std::string_view url);

// The job's path on OUR connection: "http://10.0.0.9:8080/eSCL/ScanJobs/7/" and
// "/eSCL/ScanJobs/7" both give "/eSCL/ScanJobs/7"; a bare "7" or "ScanJobs/7" is resolved
// against the base path. Empty when the value cannot be a job location.
std::string jobPathFromLocation(std::string_view location, std::string_view basePath);

}  // namespace guichet::escl
