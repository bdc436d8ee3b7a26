#include "kiosk/procedures/condition.hpp"

#include <cctype>
#include <vector>

namespace guichet::procedures {

using nlohmann::json;

struct ConditionNode {
    enum class Kind { Or, And, Not, Compare, In, NotIn, Literal, Field, List, Call } kind;
    std::string op;      // comparison operator, or function name for Call
    json literal;        // Literal
    std::string field;   // Field, Call argument
    std::vector<std::unique_ptr<ConditionNode>> children;
};

namespace {

struct Token {
    enum Type { Ident, String, Number, Op, LParen, RParen, LBracket, RBracket, Comma, End } type;
    std::string text;
    std::size_t col;
};

class Parser {
public:
    Parser(const std::string& s, std::set<std::string>& fields) : s_(s), fields_(fields) {}

    std::unique_ptr<ConditionNode> run(std::string& error) {
        if (!tokenize(error)) return nullptr;
        auto n = parseOr();
        if (n && peek().type != Token::End) fail("« " + peek().text + " » est en trop");
        if (!error_.empty()) { error = error_; return nullptr; }
        return n;
    }

private:
    const std::string& s_;
    std::set<std::string>& fields_;
    std::vector<Token> toks_;
    std::size_t pos_ = 0;
    std::string error_;

    bool tokenize(std::string& error) {
        for (std::size_t i = 0; i < s_.size();) {
            char c = s_[i];
            if (std::isspace(static_cast<unsigned char>(c))) { ++i; continue; }
            std::size_t start = i;
            if (std::isalpha(static_cast<unsigned char>(c)) || c == '_') {
                while (i < s_.size() && (std::isalnum(static_cast<unsigned char>(s_[i])) || s_[i] == '_')) ++i;
                toks_.push_back({Token::Ident, s_.substr(start, i - start), start + 1});
            } else if (std::isdigit(static_cast<unsigned char>(c)) || (c == '-' && i + 1 < s_.size() && std::isdigit(static_cast<unsigned char>(s_[i + 1])))) {
                ++i;
                while (i < s_.size() && (std::isdigit(static_cast<unsigned char>(s_[i])) || s_[i] == '.')) ++i;
                toks_.push_back({Token::Number, s_.substr(start, i - start), start + 1});
            } else if (c == '\'' || c == '"') {
                ++i;
                while (i < s_.size() && s_[i] != c) ++i;
                if (i >= s_.size()) { error = "col " + std::to_string(start + 1) + ": texte entre guillemets non fermé"; return false; }
                toks_.push_back({Token::String, s_.substr(start + 1, i - start - 1), start + 1});
                ++i;
            } else if (c == '(' || c == ')' || c == '[' || c == ']' || c == ',') {
                Token::Type t = c == '(' ? Token::LParen : c == ')' ? Token::RParen : c == '[' ? Token::LBracket
                                : c == ']' ? Token::RBracket : Token::Comma;
                toks_.push_back({t, std::string(1, c), start + 1});
                ++i;
            } else if (c == '=' || c == '!' || c == '<' || c == '>') {
                std::string op(1, c);
                if (i + 1 < s_.size() && s_[i + 1] == '=') op.push_back('=');
                if (op == "=" || op == "!") { error = "col " + std::to_string(start + 1) + ": opérateur « " + op + " » inconnu (utilisez == ou !=)"; return false; }
                i += op.size();
                toks_.push_back({Token::Op, op, start + 1});
            } else {
                error = "col " + std::to_string(start + 1) + ": caractère « " + std::string(1, c) + " » inattendu";
                return false;
            }
        }
        toks_.push_back({Token::End, "fin", s_.size() + 1});
        return true;
    }

    const Token& peek() const { return toks_[pos_]; }
    bool isWord(const char* w) const { return peek().type == Token::Ident && peek().text == w; }
    void fail(const std::string& m) {
        if (error_.empty()) error_ = "col " + std::to_string(peek().col) + ": " + m;
    }
    static std::unique_ptr<ConditionNode> node(ConditionNode::Kind k) {
        auto n = std::make_unique<ConditionNode>();
        n->kind = k;
        return n;
    }

    std::unique_ptr<ConditionNode> parseOr() {
        auto left = parseAnd();
        while (left && isWord("or")) {
            ++pos_;
            auto n = node(ConditionNode::Kind::Or);
            n->children.push_back(std::move(left));
            auto right = parseAnd();
            if (!right) return nullptr;
            n->children.push_back(std::move(right));
            left = std::move(n);
        }
        return left;
    }
    std::unique_ptr<ConditionNode> parseAnd() {
        auto left = parseNot();
        while (left && isWord("and")) {
            ++pos_;
            auto n = node(ConditionNode::Kind::And);
            n->children.push_back(std::move(left));
            auto right = parseNot();
            if (!right) return nullptr;
            n->children.push_back(std::move(right));
            left = std::move(n);
        }
        return left;
    }
    std::unique_ptr<ConditionNode> parseNot() {
        if (isWord("not")) {
            ++pos_;
            auto inner = parseNot();
            if (!inner) return nullptr;
            auto n = node(ConditionNode::Kind::Not);
            n->children.push_back(std::move(inner));
            return n;
        }
        return parseCompare();
    }
    std::unique_ptr<ConditionNode> parseCompare() {
        auto left = parsePrimary();
        if (!left) return nullptr;
        ConditionNode::Kind k;
        std::string op;
        if (peek().type == Token::Op) { k = ConditionNode::Kind::Compare; op = peek().text; ++pos_; }
        else if (isWord("in")) { k = ConditionNode::Kind::In; ++pos_; }
        else if (isWord("not") && pos_ + 1 < toks_.size() && toks_[pos_ + 1].type == Token::Ident && toks_[pos_ + 1].text == "in") {
            k = ConditionNode::Kind::NotIn; pos_ += 2;
        } else return left;
        auto right = parsePrimary();
        if (!right) return nullptr;
        auto n = node(k);
        n->op = op;
        n->children.push_back(std::move(left));
        n->children.push_back(std::move(right));
        return n;
    }
    std::unique_ptr<ConditionNode> parsePrimary() {
        const Token t = peek();
        switch (t.type) {
            case Token::String: { ++pos_; auto n = node(ConditionNode::Kind::Literal); n->literal = t.text; return n; }
            case Token::Number: {
                ++pos_;
                auto n = node(ConditionNode::Kind::Literal);
                try { n->literal = t.text.find('.') == std::string::npos ? json(std::stoll(t.text)) : json(std::stod(t.text)); }
                catch (...) { fail("nombre « " + t.text + " » illisible"); return nullptr; }
                return n;
            }
            case Token::LParen: {
                ++pos_;
                auto inner = parseOr();
                if (!inner) return nullptr;
                if (peek().type != Token::RParen) { fail("il manque « ) »"); return nullptr; }
                ++pos_;
                return inner;
            }
            case Token::LBracket: {
                ++pos_;
                auto n = node(ConditionNode::Kind::List);
                while (peek().type != Token::RBracket) {
                    const std::size_t itemCol = peek().col;
                    auto item = parsePrimary();
                    if (!item) return nullptr;
                    if (item->kind != ConditionNode::Kind::Literal) {
                        if (error_.empty()) error_ = "col " + std::to_string(itemCol) + ": une liste ne contient que des textes ou des nombres";
                        return nullptr;
                    }
                    n->children.push_back(std::move(item));
                    if (peek().type == Token::Comma) ++pos_;
                    else if (peek().type != Token::RBracket) { fail("il manque « ] » ou « , »"); return nullptr; }
                }
                ++pos_;
                return n;
            }
            case Token::Ident: {
                ++pos_;
                if (t.text == "true" || t.text == "false") { auto n = node(ConditionNode::Kind::Literal); n->literal = t.text == "true"; return n; }
                if (t.text == "and" || t.text == "or" || t.text == "not" || t.text == "in") { --pos_; fail("« " + t.text + " » mal placé"); return nullptr; }
                if (peek().type == Token::LParen) {
                    if (t.text != "age" && t.text != "answered" && t.text != "count" && t.text != "scanned") {
                        fail("fonction « " + t.text + " » inconnue (age, answered, count, scanned)");
                        return nullptr;
                    }
                    ++pos_;
                    if (peek().type != Token::Ident) { fail("il faut un identifiant de champ dans " + t.text + "( )"); return nullptr; }
                    auto n = node(ConditionNode::Kind::Call);
                    n->op = t.text;
                    n->field = peek().text;
                    fields_.insert(n->field);
                    ++pos_;
                    if (peek().type != Token::RParen) { fail("il manque « ) »"); return nullptr; }
                    ++pos_;
                    return n;
                }
                auto n = node(ConditionNode::Kind::Field);
                n->field = t.text;
                fields_.insert(t.text);
                return n;
            }
            default:
                fail(t.type == Token::End ? "la condition s'arrête trop tôt" : "« " + t.text + " » inattendu");
                return nullptr;
        }
    }
};

bool truthy(const json& v) {
    if (v.is_boolean()) return v.get<bool>();
    if (v.is_number()) return v.get<double>() != 0;
    if (v.is_string()) return !v.get_ref<const std::string&>().empty();
    if (v.is_array() || v.is_object()) return !v.empty();
    return false;
}

json value(const ConditionNode& n, const Condition::Lookup& lookup, const validation::CivilDate& today);

bool test(const ConditionNode& n, const Condition::Lookup& lookup, const validation::CivilDate& today) {
    using K = ConditionNode::Kind;
    switch (n.kind) {
        case K::Or: return test(*n.children[0], lookup, today) || test(*n.children[1], lookup, today);
        case K::And: return test(*n.children[0], lookup, today) && test(*n.children[1], lookup, today);
        case K::Not: return !test(*n.children[0], lookup, today);
        case K::In:
        case K::NotIn: {
            json l = value(*n.children[0], lookup, today), r = value(*n.children[1], lookup, today);
            if (l.is_null() || !r.is_array()) return false;  // unanswered: neither in nor not in
            bool found = false;
            for (const auto& item : r)
                if (item == l || (l.is_array() && std::find(l.begin(), l.end(), item) != l.end())) { found = true; break; }
            return n.kind == K::In ? found : !found;
        }
        case K::Compare: {
            json l = value(*n.children[0], lookup, today), r = value(*n.children[1], lookup, today);
            if (l.is_null() || r.is_null()) return false;
            const std::string& op = n.op;
            if (l.is_number() && r.is_number()) {
                double a = l.get<double>(), b = r.get<double>();
                return op == "==" ? a == b : op == "!=" ? a != b : op == "<" ? a < b : op == "<=" ? a <= b : op == ">" ? a > b : a >= b;
            }
            if (op == "==") return l == r;
            if (op == "!=") return l != r;
            if (l.is_string() && r.is_string()) {  // ISO dates compare as strings
                int c = l.get_ref<const std::string&>().compare(r.get_ref<const std::string&>());
                return op == "<" ? c < 0 : op == "<=" ? c <= 0 : op == ">" ? c > 0 : c >= 0;
            }
            return false;
        }
        default: return truthy(value(n, lookup, today));
    }
}

json value(const ConditionNode& n, const Condition::Lookup& lookup, const validation::CivilDate& today) {
    using K = ConditionNode::Kind;
    switch (n.kind) {
        case K::Literal: return n.literal;
        case K::Field: { const json* v = lookup(n.field); return v ? *v : json(); }
        case K::List: {
            json a = json::array();
            for (const auto& c : n.children) a.push_back(c->literal);
            return a;
        }
        case K::Call: {
            const json* v = lookup(n.field);
            if (n.op == "answered") return v && !v->is_null() && (v->is_boolean() || v->is_number() || truthy(*v));
            if (n.op == "scanned") return v && v->is_object() && v->value("pages", 0) > 0;
            if (n.op == "count") return v && v->is_array() ? json(v->size()) : json(v && !v->is_null() ? 1 : 0);
            if (!v || !v->is_string()) return json();
            auto d = validation::CivilDate::fromIso(v->get<std::string>());
            return d ? json(validation::ageOn(*d, today)) : json();
        }
        default: return test(n, lookup, today);
    }
}

}  // namespace

Condition::~Condition() = default;

std::unique_ptr<Condition> Condition::parse(const std::string& text, std::string& error) {
    std::unique_ptr<Condition> c(new Condition());
    c->text_ = text;
    Parser p(text, c->fields_);
    c->root_ = p.run(error);
    if (!c->root_) {
        if (error.empty()) error = "condition vide";
        return nullptr;
    }
    return c;
}

bool Condition::evaluate(const Lookup& lookup, const validation::CivilDate& today) const {
    return test(*root_, lookup, today);
}

}  // namespace guichet::procedures
