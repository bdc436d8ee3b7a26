#include "drivers/emulators/escl/escl_emulator.hpp"

#include <algorithm>
#include <charconv>
#include <sstream>

#include "drivers/emulators/escl/test_page.hpp"
#include "drivers/escl/xml_util.hpp"

namespace guichet::emu {

namespace {

constexpr int kResolutions[] = {75, 100, 150, 200, 300, 600};
constexpr const char* kNs =
    "xmlns:scan=\"http://schemas.hp.com/imaging/escl/2011/05/03\" xmlns:pwg=\"http://www.pwg.org/schemas/2010/12/sm\"";

Bytes toBytes(const std::string& s) { return Bytes(s.begin(), s.end()); }

std::string inputCapsXml(const char* element, int maxHeight) {
    std::ostringstream x;
    x << "<scan:" << element << "><scan:MinWidth>300</scan:MinWidth><scan:MaxWidth>2550</scan:MaxWidth>"
      << "<scan:MinHeight>300</scan:MinHeight><scan:MaxHeight>" << maxHeight << "</scan:MaxHeight>"
      << "<scan:MaxScanRegions>1</scan:MaxScanRegions><scan:SettingProfiles><scan:SettingProfile>"
      << "<scan:ColorModes><scan:ColorMode>BlackAndWhite1</scan:ColorMode><scan:ColorMode>Grayscale8</scan:ColorMode>"
      << "<scan:ColorMode>RGB24</scan:ColorMode></scan:ColorModes>"
      << "<scan:DocumentFormats><pwg:DocumentFormat>image/jpeg</pwg:DocumentFormat>"
      << "<scan:DocumentFormatExt>image/jpeg</scan:DocumentFormatExt></scan:DocumentFormats>"
      << "<scan:SupportedResolutions><scan:DiscreteResolutions>";
    for (int r : kResolutions)
        x << "<scan:DiscreteResolution><scan:XResolution>" << r << "</scan:XResolution><scan:YResolution>" << r
          << "</scan:YResolution></scan:DiscreteResolution>";
    x << "</scan:DiscreteResolutions></scan:SupportedResolutions></scan:SettingProfile></scan:SettingProfiles>"
      << "<scan:SupportedIntents><scan:Intent>Document</scan:Intent><scan:Intent>Photo</scan:Intent></scan:SupportedIntents>"
      << "<scan:MaxOpticalXResolution>600</scan:MaxOpticalXResolution><scan:MaxOpticalYResolution>600</scan:MaxOpticalYResolution>"
      << "</scan:" << element << ">";
    return x.str();
}

// Reads the ScanSettings a client posted; nullopt when it is not usable.
std::optional<escl::ScanSettings> parseSettings(std::string_view text) {
    pugi::xml_document doc;
    if (!escl::xml::load(doc, text, "ScanSettings")) return std::nullopt;
    auto root = doc.document_element();
    if (escl::xml::localName(root) != "ScanSettings") return std::nullopt;
    escl::ScanSettings s;
    std::string source = escl::xml::text(root, "InputSource");
    if (source == "Feeder") s.source = escl::InputSource::Feeder;
    else if (source == "Platen" || source.empty()) s.source = escl::InputSource::Platen;
    else return std::nullopt;
    auto mode = escl::parseColorMode(escl::xml::text(root, "ColorMode"));
    if (!mode) return std::nullopt;
    s.colorMode = *mode;
    s.xResolution = escl::xml::integer(root, "XResolution").value_or(0);
    s.yResolution = escl::xml::integer(root, "YResolution").value_or(s.xResolution);
    auto region = escl::xml::descendant(root, "ScanRegion");
    s.width = escl::xml::integer(region, "Width").value_or(2480);
    s.height = escl::xml::integer(region, "Height").value_or(3508);
    s.xOffset = escl::xml::integer(region, "XOffset").value_or(0);
    s.yOffset = escl::xml::integer(region, "YOffset").value_or(0);
    s.documentFormat = escl::xml::text(root, "DocumentFormatExt");
    if (s.documentFormat.empty()) s.documentFormat = escl::xml::text(root, "DocumentFormat");
    if (s.documentFormat.empty()) s.documentFormat = "image/jpeg";
    return s;
}

std::optional<int> jobIdFromPath(std::string_view path, std::string_view& rest) {
    constexpr std::string_view prefix = "/eSCL/ScanJobs/";
    if (!path.starts_with(prefix)) return std::nullopt;
    path.remove_prefix(prefix.size());
    int id = 0;
    auto [p, ec] = std::from_chars(path.data(), path.data() + path.size(), id);
    if (ec != std::errc()) return std::nullopt;
    rest = path.substr(static_cast<std::size_t>(p - path.data()));
    return id;
}


// Rewrites the frame header (SOF0..SOF2) of a JPEG so that it claims side x side pixels: what
// a faulty or hostile scanner could send. The rest of the stream is left as it was.
void claimPageSize(Bytes& jpeg, int side) {
    for (std::size_t i = 2; i + 9 < jpeg.size();) {
        if (jpeg[i] != 0xFF) return;
        const std::uint8_t marker = jpeg[i + 1];
        const std::size_t length = (std::size_t(jpeg[i + 2]) << 8) | jpeg[i + 3];
        if (marker >= 0xC0 && marker <= 0xC2) {
            jpeg[i + 5] = jpeg[i + 7] = static_cast<std::uint8_t>(side >> 8);
            jpeg[i + 6] = jpeg[i + 8] = static_cast<std::uint8_t>(side & 0xFF);
            return;
        }
        i += 2 + length;
    }
}

}  // namespace

EsclEmulator::EsclEmulator(EmulatorBehaviour behaviour) : b_(std::move(behaviour)) {}

void EsclEmulator::update(const std::function<void(EmulatorBehaviour&)>& change) {
    std::function<void()> listener;
    {
        std::lock_guard lock(mutex_);
        change(b_);
        if (b_.jamAtSheet == 0) jammed_ = false;  // the operator opened the hatch and cleared it
        listener = changeListener_;
    }
    if (listener) listener();
}

void EsclEmulator::setChangeListener(std::function<void()> listener) {
    std::lock_guard lock(mutex_);
    changeListener_ = std::move(listener);
}

EmulatorBehaviour EsclEmulator::behaviour() const {
    std::lock_guard lock(mutex_);
    return b_;
}

bool EsclEmulator::unplugged() const {
    std::lock_guard lock(mutex_);
    return b_.unplugged;
}

EsclEmulator::Stats EsclEmulator::stats() const {
    std::lock_guard lock(mutex_);
    return stats_;
}

bool EsclEmulator::jobActive() const {
    return std::any_of(jobs_.begin(), jobs_.end(), [](auto& j) { return j.second.state == "Processing"; });
}

std::string EsclEmulator::capabilitiesXml() const {
    std::ostringstream x;
    x << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<scan:ScannerCapabilities " << kNs << ">"
      << "<pwg:Version>2.63</pwg:Version><pwg:MakeAndModel>" << b_.makeAndModel << "</pwg:MakeAndModel>"
      << "<scan:UUID>7c0b5c1e-6f1a-4c59-9a7e-000000000e5c</scan:UUID>"
      << "<scan:Platen>" << inputCapsXml("PlatenInputCaps", 3508) << "</scan:Platen>";
    if (b_.hasFeeder)
        x << "<scan:Adf>" << inputCapsXml("AdfSimplexInputCaps", 4200)
          << "<scan:FeederCapacity>30</scan:FeederCapacity><scan:AdfOptions><scan:AdfOption>DetectPaperLoaded</scan:AdfOption>"
          << "</scan:AdfOptions></scan:Adf>";
    x << "</scan:ScannerCapabilities>\n";
    return x.str();
}

std::string EsclEmulator::statusXml() const {
    std::ostringstream x;
    x << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<scan:ScannerStatus " << kNs << ">"
      << "<pwg:Version>2.63</pwg:Version><pwg:State>" << (jobActive() ? "Processing" : "Idle") << "</pwg:State>";
    if (b_.hasFeeder) {
        const char* adf = jammed_ ? "ScannerAdfJam" : b_.feederSheets > 0 ? "ScannerAdfLoaded" : "ScannerAdfEmpty";
        x << "<scan:AdfState>" << adf << "</scan:AdfState>";
    }
    x << "<scan:Jobs>";
    for (auto it = jobs_.rbegin(); it != jobs_.rend(); ++it) {
        x << "<scan:JobInfo><pwg:JobUri>/eSCL/ScanJobs/" << it->first << "</pwg:JobUri>"
          << "<pwg:JobUuid>emu-" << it->first << "</pwg:JobUuid><pwg:ImagesCompleted>" << it->second.pagesServed
          << "</pwg:ImagesCompleted><pwg:JobState>" << it->second.state << "</pwg:JobState><pwg:JobStateReasons>"
          << "<pwg:JobStateReason>" << it->second.reason << "</pwg:JobStateReason></pwg:JobStateReasons></scan:JobInfo>";
    }
    x << "</scan:Jobs></scan:ScannerStatus>\n";
    return x.str();
}

EmulatorResponse EsclEmulator::respond(int status, const char* reason, const std::string& contentType, Bytes body,
                                       std::vector<escl::HttpHeader> headers) {
    if (!contentType.empty()) headers.push_back({"Content-Type", contentType});
    headers.push_back({"Server", "guichet-escl-emulator"});
    EmulatorResponse r;
    r.closeAfter = b_.closeAfterEachResponse;
    if (r.closeAfter) headers.push_back({"Connection", "close"});
    r.wire = escl::serializeResponse(status, reason, headers, body, b_.chunkSize);
    return r;
}

EmulatorResponse EsclEmulator::badRequest() {
    std::lock_guard lock(mutex_);
    auto r = respond(400, "Bad Request", "text/plain", toBytes("bad request\n"), {{"Connection", "close"}});
    r.closeAfter = true;
    return r;
}

EmulatorResponse EsclEmulator::handle(const escl::HttpMessage& req) {
    std::lock_guard lock(mutex_);
    ++stats_.requests;
    stats_.lastHostHeader = std::string(req.header("Host").value_or(""));
    std::string_view path = req.target;
    if (path == "/eSCL/ScannerCapabilities") {
        if (req.method != "GET") return respond(405, "Method Not Allowed", "", {});
        return respond(200, "OK", "text/xml", toBytes(capabilitiesXml()));
    }
    if (path == "/eSCL/ScannerStatus") {
        if (req.method != "GET") return respond(405, "Method Not Allowed", "", {});
        return respond(200, "OK", "text/xml", toBytes(statusXml()));
    }
    if (path == "/eSCL/ScanJobs" || path == "/eSCL/ScanJobs/") {
        if (req.method != "POST") return respond(405, "Method Not Allowed", "", {});
        return createJob(req);
    }
    std::string_view rest;
    if (auto id = jobIdFromPath(path, rest)) {
        auto job = jobs_.find(*id);
        if (job == jobs_.end()) return respond(404, "Not Found", "", {});
        if ((rest.empty() || rest == "/") && req.method == "DELETE") {
            if (job->second.state == "Processing") {
                job->second.state = "Canceled";
                job->second.reason = "JobCanceledByUser";
                ++stats_.jobsCancelled;
            }
            return respond(200, "OK", "", {});
        }
        if (rest == "/NextDocument" && req.method == "GET") return nextDocument(*id);
        return respond(405, "Method Not Allowed", "", {});
    }
    return respond(404, "Not Found", "text/plain", toBytes("no such resource\n"));
}

EmulatorResponse EsclEmulator::createJob(const escl::HttpMessage& req) {
    stats_.lastScanSettings.assign(req.body.begin(), req.body.end());
    if (b_.busyOnCreate > 0) {
        --b_.busyOnCreate;
        ++stats_.busyAnswers;
        return respond(503, "Service Unavailable", "", {});
    }
    if (jobActive()) {
        ++stats_.busyAnswers;
        return respond(503, "Service Unavailable", "", {});
    }
    auto settings = parseSettings(std::string_view(reinterpret_cast<const char*>(req.body.data()), req.body.size()));
    if (!settings) return respond(400, "Bad Request", "text/plain", toBytes("unreadable ScanSettings\n"));
    const bool resolutionOk = settings->xResolution == settings->yResolution &&
        std::find(std::begin(kResolutions), std::end(kResolutions), settings->xResolution) != std::end(kResolutions);
    if (!resolutionOk || settings->documentFormat != "image/jpeg" || settings->width <= 0 || settings->height <= 0 ||
        settings->width > 2550 || settings->height > 4200)
        return respond(409, "Conflict", "text/plain", toBytes("unsupported settings\n"));
    if (settings->source == escl::InputSource::Feeder) {
        if (!b_.hasFeeder) return respond(409, "Conflict", "", {});
        if (jammed_ || b_.feederSheets <= 0) return respond(409, "Conflict", "", {});
    }
    const int id = nextJobId_++;
    Job job;
    job.settings = *settings;
    job.busyLeft = b_.busyBeforeEachPage;
    jobs_[id] = job;
    ++stats_.jobsCreated;
    std::string location = b_.locationPrefix + "/eSCL/ScanJobs/" + std::to_string(id);
    return respond(201, "Created", "", {}, {{"Location", location}});
}

EmulatorResponse EsclEmulator::nextDocument(int id) {
    Job& job = jobs_[id];
    if (job.state != "Processing") return respond(404, "Not Found", "", {});
    if (job.busyLeft > 0) {
        --job.busyLeft;
        ++stats_.busyAnswers;
        return respond(503, "Service Unavailable", "", {}, {{"Retry-After", "1"}});
    }
    const bool feeder = job.settings.source == escl::InputSource::Feeder;
    if (!feeder && job.pagesServed >= 1) {
        job.state = "Completed";
        job.reason = "JobCompletedSuccessfully";
        return respond(404, "Not Found", "", {});
    }
    if (feeder) {
        if (b_.jamAtSheet > 0 && job.pagesServed + 1 == b_.jamAtSheet) {
            jammed_ = true;
            job.state = "Aborted";
            job.reason = "JobCanceledBySystem";  // with AdfState ScannerAdfJam, as devices report it
            return respond(500, "Internal Server Error", "", {});
        }
        if (b_.feederSheets <= 0) {
            job.state = "Completed";
            job.reason = "JobCompletedSuccessfully";
            return respond(404, "Not Found", "", {});
        }
        --b_.feederSheets;
    }
    TestPageSpec spec;
    spec.dpi = job.settings.xResolution;
    spec.widthPx = job.settings.width * spec.dpi / 300;
    spec.heightPx = job.settings.height * spec.dpi / 300;
    // The region is cut from an A4 sheet (in 300ths of an inch, as eSCL counts) at its offsets.
    spec.paperWidthPx = std::max(2480, job.settings.xOffset + job.settings.width) * spec.dpi / 300;
    spec.paperHeightPx = std::max(3508, job.settings.yOffset + job.settings.height) * spec.dpi / 300;
    spec.originX = job.settings.xOffset * spec.dpi / 300;
    spec.originY = job.settings.yOffset * spec.dpi / 300;
    spec.colorMode = job.settings.colorMode;
    spec.pageNumber = job.pagesServed + 1;
    spec.date = b_.date.empty() ? todayUtc() : b_.date;
    spec.jpegQuality = b_.jpegQuality;
    spec.paperGrain = b_.paperGrain;
    const std::string key = std::to_string(spec.dpi) + "/" + std::to_string(spec.widthPx) + "x" +
                            std::to_string(spec.heightPx) + "/" + escl::colorModeName(spec.colorMode) + "/" +
                            std::to_string(spec.jpegQuality) + "/" + std::to_string(spec.paperGrain) + "@" +
                            std::to_string(spec.originX) + "," + std::to_string(spec.originY);
    Result<Bytes> page = b_.reuseRenderedPage && key == cachedKey_ ? Result<Bytes>(cachedPage_) : renderTestPage(spec);
    if (!page) return respond(500, "Internal Server Error", "", {});
    if (b_.reuseRenderedPage && key != cachedKey_) {
        cachedKey_ = key;
        cachedPage_ = *page;
    }
    if (b_.claimedPageSide > 0) claimPageSize(*page, b_.claimedPageSide);
    ++job.pagesServed;
    ++stats_.pagesServed;
    if (!feeder) {
        // A flatbed job is over once its one page is out: the glass is free again.
        job.state = "Completed";
        job.reason = "JobCompletedSuccessfully";
    }
    job.busyLeft = b_.busyBeforeEachPage;
    auto r = respond(200, "OK", "image/jpeg", std::move(*page));
    r.delay = b_.pageDelay;
    r.cutAfterBytes = b_.cutPageAfterBytes;
    return r;
}

}  // namespace guichet::emu
