//! A small RON reader that knows where every value sits, used only to point at faults.
//!
//! `ron` says where a syntax error is, but not which field it is in, and validation faults
//! (an unknown owner, a repeated id) are only found on the whole model. This reader finds
//! both from the structure of the text: it understands strings with escapes, raw strings,
//! comments and nesting, so no string, comment or escaped id can mislead it.

use crate::model::Step;

/// A value in the text, with the byte offset where it starts.
#[derive(Debug)]
pub struct Node {
    pub start: usize,
    kind: Kind,
}

#[derive(Debug)]
enum Kind {
    /// `(name: value, …)`, with where each name starts.
    Struct(Vec<(String, usize, Node)>),
    /// `[…]`.
    Seq(Vec<Node>),
    /// A tuple `(…)`, including `Some(…)`.
    Tuple(Vec<Node>),
    /// `{key: value, …}`.
    Map(Vec<(Node, Node)>),
    Str(String),
    /// A number, a name, a character: anything the paths never look inside.
    Scalar,
}

#[derive(Clone, Debug, PartialEq)]
enum Token {
    Open(u8),
    Close,
    Colon,
    Comma,
    Ident(String),
    Str(String),
    Other,
}

/// Splits RON text into tokens with their byte offsets; stops quietly at anything broken,
/// such as a string that never ends.
struct Tokens<'a> {
    source: &'a str,
    text: &'a [u8],
    at: usize,
}

impl<'a> Tokens<'a> {
    fn new(text: &'a str) -> Self {
        Tokens {
            source: text,
            text: text.as_bytes(),
            at: 0,
        }
    }

    /// The character at the cursor, which is always on a character boundary.
    fn peek_char(&self) -> Option<char> {
        self.source.get(self.at..)?.chars().next()
    }

    fn peek_byte(&self, ahead: usize) -> Option<u8> {
        self.text.get(self.at + ahead).copied()
    }

    /// Skips spaces and comments (`/* */` comments nest, as in Rust).
    fn skip_blank(&mut self) {
        self.skip_blank_counting(&mut 0);
    }

    /// [`Tokens::skip_blank`], adding the comments skipped to `comments`.
    fn skip_blank_counting(&mut self, comments: &mut usize) {
        loop {
            if matches!(
                (self.peek_byte(0), self.peek_byte(1)),
                (Some(b'/'), Some(b'/' | b'*'))
            ) {
                *comments += 1;
            }
            match (self.peek_byte(0), self.peek_byte(1)) {
                (Some(b), _) if b.is_ascii_whitespace() => self.at += 1,
                (Some(b'/'), Some(b'/')) => {
                    while self.peek_byte(0).is_some_and(|b| b != b'\n') {
                        self.at += 1;
                    }
                }
                (Some(b'/'), Some(b'*')) => {
                    self.at += 2;
                    let mut depth = 1;
                    while depth > 0 {
                        match (self.peek_byte(0), self.peek_byte(1)) {
                            (None, _) => return,
                            (Some(b'*'), Some(b'/')) => {
                                depth -= 1;
                                self.at += 2;
                            }
                            (Some(b'/'), Some(b'*')) => {
                                depth += 1;
                                self.at += 2;
                            }
                            _ => self.at += 1,
                        }
                    }
                }
                _ => return,
            }
        }
    }

    /// The next token and where it starts, or `None` at the end or at broken text.
    fn next_token(&mut self) -> Option<(usize, Token)> {
        self.skip_blank();
        let start = self.at;
        let byte = self.peek_byte(0)?;
        let token = match byte {
            b'(' | b'[' | b'{' => {
                self.at += 1;
                Token::Open(byte)
            }
            b')' | b']' | b'}' => {
                self.at += 1;
                Token::Close
            }
            b':' => {
                self.at += 1;
                Token::Colon
            }
            b',' => {
                self.at += 1;
                Token::Comma
            }
            b'"' => Token::Str(self.quoted()?),
            b'r' if matches!(self.peek_byte(1), Some(b'"' | b'#')) && self.raw_ahead(1) => {
                self.at += 1;
                Token::Str(self.raw()?)
            }
            b'b' if self.peek_byte(1) == Some(b'"') => {
                self.at += 1;
                self.quoted()?;
                Token::Other
            }
            b'b' if self.peek_byte(1) == Some(b'r') && self.raw_ahead(2) => {
                self.at += 2;
                self.raw()?;
                Token::Other
            }
            b'\'' => {
                self.character()?;
                Token::Other
            }
            b'r' if self.peek_byte(1) == Some(b'#') => {
                self.at += 2;
                Token::Ident(self.word())
            }
            b if b.is_ascii_alphabetic() || b == b'_' => Token::Ident(self.word()),
            b if b.is_ascii_digit() || matches!(b, b'+' | b'-' | b'.') => {
                self.number();
                Token::Other
            }
            _ => {
                // One whole character, so offsets stay on character boundaries.
                self.at += self.peek_char()?.len_utf8();
                Token::Other
            }
        };
        Some((start, token))
    }

    /// Whether a raw string (`r"`, `r#"`…) starts `offset` bytes ahead.
    fn raw_ahead(&self, offset: usize) -> bool {
        let mut at = offset;
        while self.peek_byte(at) == Some(b'#') {
            at += 1;
        }
        self.peek_byte(at) == Some(b'"')
    }

    fn word(&mut self) -> String {
        let start = self.at;
        while self
            .peek_byte(0)
            .is_some_and(|b| b.is_ascii_alphanumeric() || b == b'_')
        {
            self.at += 1;
        }
        String::from_utf8_lossy(&self.text[start..self.at]).into_owned()
    }

    fn number(&mut self) {
        self.at += 1;
        while let Some(b) = self.peek_byte(0) {
            let exponent_sign = matches!(b, b'+' | b'-')
                && matches!(self.text[self.at - 1], b'e' | b'E')
                && !self.text[..self.at].starts_with(b"0x");
            if b.is_ascii_alphanumeric() || b == b'_' || b == b'.' || exponent_sign {
                self.at += 1;
            } else {
                break;
            }
        }
    }

    /// A `"…"` string, decoded; the cursor is on the opening quote.
    fn quoted(&mut self) -> Option<String> {
        self.at += 1;
        let mut value = String::new();
        loop {
            let c = self.peek_char()?;
            self.at += c.len_utf8();
            match c {
                '"' => return Some(value),
                '\\' => value.push(self.escape()?),
                c => value.push(c),
            }
        }
    }

    /// A `'c'` character; the cursor is on the opening quote.
    fn character(&mut self) -> Option<()> {
        self.at += 1;
        let c = self.peek_char()?;
        self.at += c.len_utf8();
        if c == '\\' {
            self.escape()?;
        }
        (self.peek_byte(0)? == b'\'').then(|| self.at += 1)
    }

    /// The character an escape stands for; the cursor is just after the backslash.
    fn escape(&mut self) -> Option<char> {
        let kind = self.peek_byte(0)?;
        self.at += 1;
        let hex = |digits: &[u8]| u32::from_str_radix(std::str::from_utf8(digits).ok()?, 16).ok();
        Some(match kind {
            b'n' => '\n',
            b't' => '\t',
            b'r' => '\r',
            b'0' => '\0',
            b'x' => {
                let code = hex(self.text.get(self.at..self.at + 2)?)?;
                self.at += 2;
                char::from_u32(code)?
            }
            b'u' => {
                let close = self.text[self.at..].iter().position(|&b| b == b'}')?;
                let code = hex(self.text.get(self.at + 1..self.at + close)?)?;
                self.at += close + 1;
                char::from_u32(code)?
            }
            other => char::from(other),
        })
    }

    /// A raw string `#"…"#`, with as many `#` on each side; the cursor is after the `r`.
    fn raw(&mut self) -> Option<String> {
        let mut hashes = 0;
        while self.peek_byte(0) == Some(b'#') {
            hashes += 1;
            self.at += 1;
        }
        self.at += 1;
        let start = self.at;
        loop {
            let quote = self.at + self.text.get(self.at..)?.iter().position(|&b| b == b'"')?;
            let closes = (1..=hashes).all(|i| self.text.get(quote + i) == Some(&b'#'));
            self.at = quote + 1;
            if closes {
                self.at += hashes;
                return Some(String::from_utf8_lossy(&self.text[start..quote]).into_owned());
            }
        }
    }
}

/// What a hand-written file holds that saving it would drop: Opmodel writes every file
/// afresh (see [`super::ron::to_ron`]), so comments and the `#![enable(implicit_some)]` header are not
/// kept. The editor calls [`super::ron::hand_written_parts`] on the text it loaded, and warns once
/// before the first save of such a file.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct HandWrittenParts {
    /// `//` or `/* */` comments, outside strings.
    pub comments: usize,
    /// The file starts with `#![enable(...)]` attributes.
    pub header: bool,
}

impl HandWrittenParts {
    /// Whether saving would drop anything.
    pub fn any(&self) -> bool {
        self.comments > 0 || self.header
    }
}

/// The comments in `text` and whether it opens with an attribute.
pub fn hand_written_parts(text: &str) -> HandWrittenParts {
    let mut tokens = Tokens::new(text);
    let mut parts = HandWrittenParts::default();
    tokens.skip_blank_counting(&mut parts.comments);
    parts.header = tokens.peek_byte(0) == Some(b'#');
    while tokens.next_token().is_some() {
        tokens.skip_blank_counting(&mut parts.comments);
    }
    parts
}

/// Reads the whole text as a tree, or `None` when it is not well-formed RON.
pub fn tree(text: &str) -> Option<Node> {
    Reader::at_value(text)?.value()
}

/// Where the text after the model's value starts: trailing characters, when there are any.
pub fn end_of_value(text: &str) -> Option<usize> {
    let mut reader = Reader::at_value(text)?;
    reader.value()?;
    reader.peek().map(|(start, _)| start)
}

/// The deepest bracket nesting read; the parser refuses deeper text before this is needed.
const MAX_DEPTH: usize = 256;

struct Reader<'a> {
    tokens: Tokens<'a>,
    peeked: Option<Option<(usize, Token)>>,
    depth: usize,
}

impl<'a> Reader<'a> {
    /// A reader of `text` past its `#![enable(…)]` attributes, where the value starts.
    fn at_value(text: &'a str) -> Option<Reader<'a>> {
        let mut reader = Reader {
            tokens: Tokens::new(text),
            peeked: None,
            depth: 0,
        };
        reader.skip_attributes(text)?;
        Some(reader)
    }

    /// Skips `#![enable(…)]` attributes at the start of `text`.
    fn skip_attributes(&mut self, text: &str) -> Option<()> {
        while self.peek()?.1 == Token::Other && text[self.peek()?.0..].starts_with('#') {
            self.take();
            if self.peek()?.1 == Token::Other {
                self.take();
            }
            self.value()?;
        }
        Some(())
    }

    fn peek(&mut self) -> Option<(usize, Token)> {
        if self.peeked.is_none() {
            self.peeked = Some(self.tokens.next_token());
        }
        self.peeked.clone().flatten()
    }

    fn take(&mut self) -> Option<(usize, Token)> {
        let token = self.peek();
        self.peeked = None;
        token
    }

    fn value(&mut self) -> Option<Node> {
        let (start, token) = self.take()?;
        let kind = match token {
            Token::Str(value) => Kind::Str(value),
            Token::Ident(_) => {
                if self.peek()?.1 == Token::Open(b'(') {
                    self.take();
                    return Some(Node {
                        start,
                        kind: self.contents()?,
                    });
                }
                Kind::Scalar
            }
            Token::Open(b'(') => self.contents()?,
            Token::Open(b'[') => Kind::Seq(self.items(|reader| reader.value())?),
            Token::Open(_) => Kind::Map(self.items(|reader| {
                let key = reader.value()?;
                (reader.take()?.1 == Token::Colon).then_some(())?;
                Some((key, reader.value()?))
            })?),
            Token::Other => Kind::Scalar,
            Token::Close | Token::Colon | Token::Comma => return None,
        };
        Some(Node { start, kind })
    }

    /// What follows `(`: struct fields when it opens with `name:`, else tuple items.
    fn contents(&mut self) -> Option<Kind> {
        let (_, first) = self.peek()?;
        let fields = matches!(first, Token::Ident(_)) && {
            let saved = (self.tokens.at, self.peeked.clone());
            self.take();
            let colon = self.peek().is_some_and(|(_, t)| t == Token::Colon);
            (self.tokens.at, self.peeked) = saved;
            colon
        };
        if fields {
            Some(Kind::Struct(self.items(|reader| {
                let (at, Token::Ident(name)) = reader.take()? else {
                    return None;
                };
                (reader.take()?.1 == Token::Colon).then_some(())?;
                Some((name, at, reader.value()?))
            })?))
        } else {
            Some(Kind::Tuple(self.items(|reader| reader.value())?))
        }
    }

    /// Comma-separated items up to the closing bracket, which may follow a last comma.
    fn items<T>(&mut self, mut item: impl FnMut(&mut Self) -> Option<T>) -> Option<Vec<T>> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return None;
        }
        let mut items = Vec::new();
        loop {
            if self.peek()?.1 == Token::Close {
                self.take();
                break;
            }
            items.push(item(self)?);
            match self.take()?.1 {
                Token::Comma => {}
                Token::Close => break,
                _ => return None,
            }
        }
        self.depth -= 1;
        Some(items)
    }
}

impl Node {
    /// What a value holds once `Some(…)` is looked through.
    fn unwrapped(&self) -> &Node {
        match &self.kind {
            Kind::Tuple(items) if items.len() == 1 => items[0].unwrapped(),
            _ => self,
        }
    }

    fn field(&self, name: &str) -> Option<(usize, &Node)> {
        let Kind::Struct(fields) = &self.kind else {
            return None;
        };
        fields
            .iter()
            .find(|(field, _, _)| field == name)
            .map(|(_, at, value)| (*at, value))
    }

    fn is_str(&self, value: &str) -> bool {
        matches!(&self.unwrapped().kind, Kind::Str(s) if s == value)
    }

    /// The first struct within, in file order, whose `field` holds the string `value`.
    fn entity(&self, field: &str, value: &str) -> Option<(usize, &Node)> {
        if let Some((at, found)) = self.field(field)
            && found.is_str(value)
        {
            return Some((at, self));
        }
        let mut children: Box<dyn Iterator<Item = &Node>> = match &self.kind {
            Kind::Struct(fields) => Box::new(fields.iter().map(|(_, _, node)| node)),
            Kind::Seq(items) | Kind::Tuple(items) => Box::new(items.iter()),
            Kind::Map(entries) => Box::new(entries.iter().flat_map(|(k, v)| [k, v])),
            Kind::Str(_) | Kind::Scalar => return None,
        };
        children.find_map(|child| child.entity(field, value))
    }

    /// Follows `path` from this node as far as it goes, and returns the byte offset of the
    /// last step found: a field's name, an item, a map key.
    pub fn locate(&self, path: &[Step]) -> Option<usize> {
        let mut here = self;
        let mut found = None;
        for step in path {
            let next = match step {
                Step::Field(name) => here.unwrapped().field(name),
                Step::Item(index) => match &here.unwrapped().kind {
                    Kind::Seq(items) => items.get(*index).map(|item| (item.start, item)),
                    _ => None,
                },
                Step::Key(key) => match &here.unwrapped().kind {
                    Kind::Map(entries) => entries
                        .iter()
                        .find(|(k, _)| k.is_str(key))
                        .map(|(k, v)| (k.start, v)),
                    _ => None,
                },
                Step::Entity { field, value } => here.entity(field, value),
            };
            let Some((at, next)) = next else { break };
            found = Some(at);
            here = next;
        }
        found
    }
}

/// The fields that enclose byte `offset`, outermost first, with list items as `[n]`: read
/// from the text before `offset` only, so it works on text broken just there.
pub fn path_at(text: &str, offset: usize) -> Vec<String> {
    struct Frame {
        field: Option<String>,
        index: usize,
        is_list: bool,
    }
    let mut tokens = Tokens::new(text);
    let mut frames: Vec<Frame> = Vec::new();
    let mut last_ident: Option<String> = None;
    while let Some((start, token)) = tokens.next_token() {
        if start >= offset {
            break;
        }
        match token {
            Token::Open(bracket) => frames.push(Frame {
                field: None,
                index: 0,
                is_list: bracket == b'[',
            }),
            Token::Close => {
                frames.pop();
            }
            Token::Colon => {
                if let (Some(frame), Some(name)) = (frames.last_mut(), last_ident.take())
                    && !frame.is_list
                {
                    frame.field = Some(name);
                }
            }
            Token::Comma => {
                if let Some(frame) = frames.last_mut() {
                    frame.index += 1;
                    frame.field = None;
                }
            }
            _ => {}
        }
        last_ident = match token {
            Token::Ident(name) => Some(name),
            _ => None,
        };
    }
    let mut path = Vec::new();
    for frame in frames {
        if frame.is_list {
            path.push(format!("[{}]", frame.index));
        } else if let Some(field) = frame.field {
            path.push(field);
        }
    }
    path
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str, path: &[Step]) -> Option<usize> {
        tree(text)?.locate(path)
    }

    #[test]
    fn strings_comments_and_escapes_do_not_mislead() {
        let text = r##"#![enable(implicit_some)]
(
    // owner: "x"
    name: "owner: \"x\"",
    services: [
        (id: "a", /* owner: "x" */ owner: r#"x"#),
        (id: "\x41", owner: "x"),
    ],
)"##;
        let entity = |field, value: &str| Step::Entity {
            field,
            value: value.to_owned(),
        };
        let second_owner = text.rfind("owner").unwrap();
        let escaped_id = text.rfind("id:").unwrap();
        let first_owner = text.find("owner: r#").unwrap();
        for (path, found) in [
            (
                vec![Step::Field("services"), Step::Item(1), Step::Field("owner")],
                second_owner,
            ),
            (vec![entity("id", "A")], escaped_id),
            (vec![entity("owner", "x")], first_owner),
        ] {
            assert_eq!(at(text, &path), Some(found), "{path:?}");
        }
    }

    #[test]
    fn comments_and_headers_are_counted_outside_strings() {
        let parts = hand_written_parts(
            "#![enable(implicit_some)]\n// one\n(name: \"// not\", /* two /* nested */ */ teams: [])",
        );
        assert_eq!(parts.comments, 2);
        assert!(parts.header);
        let plain = hand_written_parts("(name: \"a /* b */\")");
        assert!(!plain.any());
    }

    #[test]
    fn a_missing_step_stops_at_the_last_found() {
        let text = "(layout: {\"a\": (x: 1.0, y: 2.0)}, teams: [(id: \"t\")])";
        let key = text.find("\"a\"").unwrap();
        let team = text.find("(id").unwrap();
        for (path, found) in [
            (vec![Step::Field("layout"), Step::Key("a".to_owned())], key),
            (
                vec![Step::Field("teams"), Step::Item(0), Step::Field("members")],
                team,
            ),
        ] {
            assert_eq!(at(text, &path), Some(found), "{path:?}");
        }
    }

    #[test]
    fn the_path_before_a_broken_spot_names_its_fields() {
        let text = "(settings: (weeks: 1), services: [(id: \"a\"), (id: \"b\", members: 5.0";
        let broken = text.find(".0").unwrap();
        assert_eq!(path_at(text, broken), ["services", "[1]", "members"]);
    }
}
