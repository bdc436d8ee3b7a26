// One resident walking through one procedure: which page is shown, the answers typed so
// far (kept when going back or when a condition hides them), the errors of the page, the
// review, the confirmation that stores the submission, and cancel that wipes everything.
// The UI only draws this state and calls these methods: it is fully testable headless.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "drivers/document/receipt_document.hpp"
#include "kiosk/devices/device_services.hpp"
#include "kiosk/procedures/field_validation.hpp"
#include "kiosk/procedures/procedure.hpp"
#include "kiosk/submission/submission.hpp"

namespace guichet::procedures {

struct WizardOptions {
    std::string language = "fr";
    bool largeText = false;             // one question a page
    std::string terminalId = "borne-1";
    validation::CivilDate today = validation::CivilDate::today();
    std::int64_t now = 0;               // Unix seconds for createdAt (0: the clock)
    bool paymentTerminal = false;       // a payment terminal (TPE) is configured and ready
};

// The answer a card payment's outcome is stored under in the submission (paymentSection()).
inline constexpr const char* kPaymentAnswer = "paiement";

class WizardSession {
public:
    // Payment: between Review and Done, the card payment of a step type = "payment".
    enum class State { Question, Review, Payment, ConfirmCancel, Done, Cancelled };

    struct Page {
        int step = 0;                   // index in procedure.steps
        std::vector<int> fields;        // indexes in steps[step].fields
    };
    struct Indicator {
        int step = 0, stepCount = 0;    // 1-based
        int question = 0, questionCount = 0;  // large-text mode only (else 0)
        bool stepCountKnown = true;     // false while an answer still to give can add a step
        std::string text;               // "Étape 2 sur 5", or "Étape 2" while the total is not known
    };
    struct ReviewItem {
        std::string fieldId;
        std::string stepTitle, label, value;
    };

    WizardSession(const Procedure& procedure, const CatalogueSettings& settings, SubmissionStore& store,
                  AppointmentBook* appointments, WizardOptions options);
    ~WizardSession();
    WizardSession(const WizardSession&) = delete;
    WizardSession& operator=(const WizardSession&) = delete;

    const Procedure& procedure() const { return procedure_; }
    State state() const { return state_; }
    const WizardOptions& options() const { return options_; }
    void setLargeText(bool on);         // keeps the question in view
    void setLanguage(const std::string& language) { options_.language = language; }

    // --- Question pages
    std::vector<Page> pages() const;    // visible pages, given the answers so far
    int pageIndex() const;              // index of the current page in pages()
    Page currentPage() const;
    std::vector<const Field*> currentFields() const;
    const Step& currentStep() const;
    Indicator indicator() const;
    bool isFirstPage() const { return pageIndex() == 0; }

    void setAnswer(const std::string& fieldId, nlohmann::json raw);
    const nlohmann::json* rawAnswer(const std::string& fieldId) const;
    std::optional<nlohmann::json> value(const std::string& fieldId) const;  // canonical, if valid and visible
    std::vector<ChoiceView> choices(const std::string& fieldId) const;
    std::vector<appointments::Slot> slots(const std::string& fieldId, std::size_t maxCount = 40) const;
    std::string computedValue(const Field& field) const;
    const std::map<std::string, std::string>& errors() const { return errors_; }
    // The error of this field says the resident may not have what they ask (act rights),
    // not that an answer must be corrected.
    bool notEligible(const std::string& fieldId) const { return notEligible_.count(fieldId) > 0; }

    // Device steps. The scanned pages become attachments of the submission.
    void attachScan(const std::string& fieldId, std::vector<ScannedPage> pages);
    // One ready-made attachment (e.g. a PDF of every kept page) for `pages` pages; no data
    // (pages == 0) clears the answer. An earlier attachment of the field is wiped.
    void attachDocument(const std::string& fieldId, Attachment document, int pages);
    void documentLater(const std::string& fieldId);
    void setCardIdentifier(const std::string& fieldId, std::string identifier);  // read from the card

    bool next();   // validates the page; false (and errors()) if something must be fixed
    bool back();   // never validates, never forgets; false on the first page (nothing before)

    // --- Review and confirmation
    std::vector<ReviewItem> review() const;
    void change(const std::string& fieldId);  // from review: go to its page, come back after
    // Re-checks everything, stores the submission; Done on success. On a store error the
    // answers stay and the message is for the resident (retry possible). With a visible
    // payment step, nothing is stored yet: the state becomes Payment.
    Result<void> confirm();

    // --- Card payment (a step type = "payment", after the review)
    // The payment step to run: visible (its condition holds) and a payment terminal ready.
    const Step* paymentStep() const;
    std::int64_t paymentAmountCents() const;  // the amount field in cents; 0 if none
    std::string paymentReference() const;     // the reference field's answer, "" if none
    void leavePayment();                      // back to the review (nothing was sent)
    // Stores the submission with answers["paiement"] = section (paymentSection()); an
    // approved payment's transaction `settleTxn` is settled in the store's same transaction.
    Result<void> finishPayment(const nlohmann::json& section, const std::string& settleTxn);
    const Submission& submission() const { return submission_; }
    doc::ReceiptDocument receipt() const;
    std::string paymentUrl() const;     // filled url_template, "" without [payment]

    // --- Cancel: asks once, then wipes
    void requestCancel();
    void resumeAfterCancelRequest();
    void confirmCancel();

private:
    const Procedure& procedure_;
    const CatalogueSettings& settings_;
    SubmissionStore& store_;
    AppointmentBook* appointments_;
    WizardOptions options_;
    State state_ = State::Question;
    State stateBeforeCancel_ = State::Question;
    std::map<std::string, nlohmann::json> raw_;
    std::map<std::string, std::vector<Attachment>> scans_;
    std::map<std::string, std::string> errors_;
    std::set<std::string> notEligible_;
    int cursorStep_ = 0, cursorField_ = 0;  // first field of the current page
    bool returnToReview_ = false;
    Submission submission_;

    ValidationContext context() const;
    Condition::Lookup lookup() const;
    bool fieldVisible(int step, int field) const;
    bool stepVisible(int step) const;
    const Field& fieldAt(int step, int field) const { return procedure_.steps[step].fields[field]; }
    bool pageValid(const Page& page, bool record);
    bool rulesValid(const Page& page, bool record);
    void moveTo(const Page& page);
    std::string placeholder(const std::string& name) const;
    Result<void> storeSubmission(const nlohmann::json* paymentSection, const std::string& settleTxn);
    void wipeAll();
};

}  // namespace guichet::procedures
