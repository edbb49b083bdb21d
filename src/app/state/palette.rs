//! What the command palette offers for what is typed: every command of the [`UiCommand`]
//! table whose name holds the typed letters in order, best first — letters that start
//! words or follow each other count most — then those whose description holds the typed
//! text. With nothing typed, every command in table order.

use super::ui_command::UiCommand;

/// A command the palette offers, with the places in its name (by character) that matched.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Offer {
    pub command: UiCommand,
    pub matched: Vec<usize>,
}

/// The commands for `query`, best first.
pub fn offers(query: &str) -> Vec<Offer> {
    let query: Vec<char> = query
        .chars()
        .flat_map(char::to_lowercase)
        .filter(|c| !c.is_whitespace())
        .collect();
    let mut scored: Vec<(i64, usize, Offer)> = UiCommand::ALL
        .iter()
        .enumerate()
        .filter_map(|(order, &command)| {
            let (score, matched) = name_match(command.text(), &query)
                .or_else(|| description_match(command.tooltip(), &query))?;
            Some((score, order, Offer { command, matched }))
        })
        .collect();
    scored.sort_by_key(|(score, order, _)| (-score, *order));
    scored.into_iter().map(|(_, _, offer)| offer).collect()
}

/// How well `text` holds `query`'s letters in order, and where; `None` when it does not.
fn name_match(text: &str, query: &[char]) -> Option<(i64, Vec<usize>)> {
    let chars: Vec<char> = text.chars().collect();
    let mut matched = Vec::with_capacity(query.len());
    let mut score = 0;
    let mut from = 0;
    for wanted in query {
        let at = (from..chars.len()).find(|&i| chars[i].to_lowercase().eq([*wanted]))?;
        let word_start = at == 0 || !chars[at - 1].is_alphanumeric();
        let follows = matched.last().is_some_and(|&last| last + 1 == at);
        score += match (word_start, follows) {
            (true, _) => 3,
            (false, true) => 2,
            (false, false) => 1,
        };
        matched.push(at);
        from = at + 1;
    }
    Some((score + 1, matched))
}

/// A command whose description holds the typed text ("what-if" finds Duplicate as
/// scenario), ranked under every match of a name.
fn description_match(tooltip: &str, query: &[char]) -> Option<(i64, Vec<usize>)> {
    let wanted: String = query.iter().collect();
    let squeezed: String = tooltip
        .chars()
        .flat_map(char::to_lowercase)
        .filter(|c| !c.is_whitespace())
        .collect();
    (!wanted.is_empty() && squeezed.contains(&wanted)).then(|| (0, Vec::new()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn first(query: &str) -> UiCommand {
        offers(query)[0].command
    }

    #[test]
    fn nothing_typed_offers_every_command_in_table_order() {
        let all: Vec<UiCommand> = offers("").into_iter().map(|o| o.command).collect();
        assert_eq!(all, UiCommand::ALL);
    }

    #[test]
    fn letters_that_start_words_rank_first() {
        assert_eq!(first("dup"), UiCommand::Duplicate);
        assert_eq!(first("das"), UiCommand::DuplicateScenario);
        assert_eq!(first("save as"), UiCommand::SaveAs);
        assert_eq!(first("ADD T"), UiCommand::AddTeam, "any case");
        let paste = &offers("paste")[0];
        assert_eq!(paste.command, UiCommand::Paste);
        assert_eq!(paste.matched, [0, 1, 2, 3, 4]);
    }

    #[test]
    fn a_description_finds_what_a_name_does_not() {
        assert_eq!(first("what-if"), UiCommand::DuplicateScenario);
        assert!(offers("zzz").is_empty());
    }
}
