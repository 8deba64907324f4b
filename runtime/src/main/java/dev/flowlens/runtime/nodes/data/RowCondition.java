package dev.flowlens.runtime.nodes.data;

import dev.flowlens.runtime.node.NodeContext;
import dev.flowlens.runtime.node.NodeFailure;
import dev.flowlens.runtime.nodes.Failures;
import dev.flowlens.runtime.nodes.Values;
import dev.flowlens.runtime.value.Table;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A condition on a table row, parsed from a small language:
 * <pre>
 * condition  := or
 * or         := and ("or" and)*
 * and        := unary ("and" unary)*
 * unary      := "not" unary | "(" or ")" | comparison
 * comparison := column ("==" | "!=" | "&gt;" | "&gt;=" | "&lt;" | "&lt;=" | "contains") value
 *             | column "is" ["not"] "empty"
 * column     := name | `any name`
 * value      := number | "text" | 'text' | word
 * </pre>
 * {@code ==} and {@code !=} compare as numbers when both sides are numbers, else as text. The order
 * comparisons need numbers: a cell that is empty or not a number does not match them. Keywords are
 * case-insensitive; column names and values are not.
 */
public final class RowCondition {
    private final Node root;
    private final String text;

    private RowCondition(String text, Node root) {
        this.text = text;
        this.root = root;
    }

    /**
     * Parses a condition for a table with no rows: the syntax is checked, but any column name is accepted,
     * since an empty table (an hourly scan that found no new files) cannot say which columns it would have.
     */
    public static RowCondition parseForEmptyTable(String text) {
        return parse(text, null);
    }

    /** Parses {@code text}, checking column names against {@code columns}; the message says what and where. */
    public static RowCondition parse(String text, Collection<String> columns) {
        Parser p = new Parser(text, tokenize(text), columns);
        Node root = p.or();
        if (!p.atEnd()) {
            throw p.error("expected \"and\", \"or\" or the end");
        }
        return new RowCondition(text, root);
    }

    /**
     * The condition a node's parameter gives for {@code table}: column names are checked against it (unless it
     * has no rows), and a mistake becomes a failure of the node that says where the condition went wrong.
     */
    public static RowCondition forTable(Table table, String text, NodeContext context) throws NodeFailure {
        try {
            return table.rows().isEmpty() ? parseForEmptyTable(text) : parse(text, table.columns());
        } catch (IllegalArgumentException e) {
            throw Failures.of(context, e.getMessage(), e);
        }
    }

    public boolean test(Map<String, Object> row) {
        return root.test(row);
    }

    @Override
    public String toString() {
        return text;
    }

    // ---------------------------------------------------------------- tree

    private interface Node {
        boolean test(Map<String, Object> row);
    }

    private record And(Node a, Node b) implements Node {
        public boolean test(Map<String, Object> row) {
            return a.test(row) && b.test(row);
        }
    }

    private record Or(Node a, Node b) implements Node {
        public boolean test(Map<String, Object> row) {
            return a.test(row) || b.test(row);
        }
    }

    private record Not(Node a) implements Node {
        public boolean test(Map<String, Object> row) {
            return !a.test(row);
        }
    }

    private record Empty(String column, boolean negated) implements Node {
        public boolean test(Map<String, Object> row) {
            boolean empty = Values.text(row.get(column)).isBlank();
            return negated != empty;
        }
    }

    private record Compare(String column, String op, String value) implements Node {
        public boolean test(Map<String, Object> row) {
            String cell = Values.text(row.get(column)).strip();
            Double a = number(cell);
            Double b = number(value);
            switch (op) {
                case "==":
                    return a != null && b != null ? a.doubleValue() == b.doubleValue() : cell.equals(value);
                case "!=":
                    return a != null && b != null ? a.doubleValue() != b.doubleValue() : !cell.equals(value);
                case "contains":
                    return cell.contains(value);
                default:
                    if (a == null || b == null) {
                        return false;
                    }
                    int c = Double.compare(a, b);
                    return switch (op) {
                        case ">" -> c > 0;
                        case ">=" -> c >= 0;
                        case "<" -> c < 0;
                        default -> c <= 0;
                    };
            }
        }
    }

    static Double number(String s) {
        if (s.isEmpty()) {
            return null;
        }
        try {
            double d = Double.parseDouble(s);
            return Double.isFinite(d) ? d : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    // ---------------------------------------------------------------- tokens

    private enum Kind { WORD, QUOTED, BACKTICK, OP, LPAREN, RPAREN }

    private record Token(Kind kind, String text, int position) {
        boolean isKeyword(String k) {
            return kind == Kind.WORD && text.toLowerCase(Locale.ROOT).equals(k);
        }
    }

    private static List<Token> tokenize(String s) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '(' || c == ')') {
                tokens.add(new Token(c == '(' ? Kind.LPAREN : Kind.RPAREN, String.valueOf(c), i));
                i++;
            } else if (c == '"' || c == '\'' || c == '`') {
                int end = s.indexOf(c, i + 1);
                if (end < 0) {
                    throw new IllegalArgumentException("condition \"" + s + "\": the " + c + " at position " + (i + 1)
                            + " is not closed");
                }
                tokens.add(new Token(c == '`' ? Kind.BACKTICK : Kind.QUOTED, s.substring(i + 1, end), i));
                i = end + 1;
            } else if ("=!<>".indexOf(c) >= 0) {
                int start = i;
                i++;
                if (i < s.length() && s.charAt(i) == '=') {
                    i++;
                }
                String op = s.substring(start, i);
                if (op.equals("=")) {
                    op = "==";
                } else if (op.equals("!")) {
                    throw new IllegalArgumentException("condition \"" + s + "\": \"!\" at position " + (start + 1)
                            + " must be \"!=\"; use \"not\" to negate");
                }
                tokens.add(new Token(Kind.OP, op, start));
            } else {
                int start = i;
                while (i < s.length() && !Character.isWhitespace(s.charAt(i)) && "()=!<>\"'`".indexOf(s.charAt(i)) < 0) {
                    i++;
                }
                tokens.add(new Token(Kind.WORD, s.substring(start, i), start));
            }
        }
        return tokens;
    }

    // ---------------------------------------------------------------- parser

    private static final class Parser {
        private final String text;
        private final List<Token> tokens;
        private final Collection<String> columns;
        private int at;

        Parser(String text, List<Token> tokens, Collection<String> columns) {
            this.text = text;
            this.tokens = tokens;
            this.columns = columns;
        }

        boolean atEnd() {
            return at >= tokens.size();
        }

        Token peek() {
            return atEnd() ? null : tokens.get(at);
        }

        IllegalArgumentException error(String expected) {
            String where = atEnd() ? "at the end" : "at position " + (tokens.get(at).position() + 1)
                    + " (\"" + tokens.get(at).text() + "\")";
            return new IllegalArgumentException("condition \"" + text + "\": " + expected + " " + where);
        }

        Node or() {
            Node left = and();
            while (!atEnd() && peek().isKeyword("or")) {
                at++;
                left = new Or(left, and());
            }
            return left;
        }

        Node and() {
            Node left = unary();
            while (!atEnd() && peek().isKeyword("and")) {
                at++;
                left = new And(left, unary());
            }
            return left;
        }

        Node unary() {
            if (atEnd()) {
                throw error("expected a comparison such as score > 0.5");
            }
            if (peek().isKeyword("not")) {
                at++;
                return new Not(unary());
            }
            if (peek().kind() == Kind.LPAREN) {
                at++;
                Node inner = or();
                if (atEnd() || peek().kind() != Kind.RPAREN) {
                    throw error("expected \")\"");
                }
                at++;
                return inner;
            }
            return comparison();
        }

        Node comparison() {
            Token col = peek();
            if (col.kind() != Kind.WORD && col.kind() != Kind.BACKTICK && col.kind() != Kind.QUOTED) {
                throw error("expected a column name");
            }
            String column = col.text();
            if (columns != null && !columns.contains(column)) {
                throw new IllegalArgumentException("condition \"" + text + "\": the table has no column \"" + column
                        + "\"; it has " + String.join(", ", columns));
            }
            at++;
            if (atEnd()) {
                throw error("expected ==, !=, >, >=, <, <=, contains or \"is empty\" after " + column);
            }
            Token op = peek();
            if (op.isKeyword("is")) {
                at++;
                boolean negated = false;
                if (!atEnd() && peek().isKeyword("not")) {
                    negated = true;
                    at++;
                }
                if (atEnd() || !peek().isKeyword("empty")) {
                    throw error("expected \"empty\" after \"is\"");
                }
                at++;
                return new Empty(column, negated);
            }
            String operator;
            if (op.kind() == Kind.OP) {
                operator = op.text();
            } else if (op.isKeyword("contains")) {
                operator = "contains";
            } else {
                throw error("expected ==, !=, >, >=, <, <=, contains or \"is empty\" after " + column + ",");
            }
            at++;
            if (atEnd() || (peek().kind() != Kind.WORD && peek().kind() != Kind.QUOTED)) {
                throw error("expected a value after " + operator);
            }
            String value = peek().text();
            at++;
            if (!operator.equals("==") && !operator.equals("!=") && !operator.equals("contains") && number(value) == null) {
                throw new IllegalArgumentException("condition \"" + text + "\": " + operator + " compares numbers, but \""
                        + value + "\" is not a number");
            }
            return new Compare(column, operator, value);
        }
    }
}
