//! The picker on the terminal: drawn on `/dev/tty` (never stdout, which the `awsl`
//! function captures and evaluates), in the alternate screen so the user's scrollback is
//! left as it was. Raw mode delivers Ctrl-C as a key, so cancelling is ours to report.

use std::fs::File;
use std::io::{self, BufWriter, Write};

use crossterm::cursor::{Hide, MoveTo, Show};
use crossterm::event::{self, Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use crossterm::style::{Attribute, Print, SetAttribute};
use crossterm::terminal::{self, Clear, ClearType, EnterAlternateScreen, LeaveAlternateScreen};
use crossterm::{execute, queue};

use super::filter::Filter;
use crate::inert;

pub enum Outcome {
    Chosen(usize),
    Cancelled,
}

/// Restores the terminal however the loop ends.
struct Raw<'a>(&'a mut BufWriter<File>);

impl Drop for Raw<'_> {
    fn drop(&mut self) {
        let _ = execute!(self.0, Show, LeaveAlternateScreen);
        let _ = terminal::disable_raw_mode();
    }
}

struct State {
    query: String,
    matches: Vec<usize>,
    selected: usize,
    top: usize,
}

/// Let the user choose one of `lines` (already inert); `title` names the command.
pub fn run(tty: File, title: &str, lines: &[String]) -> io::Result<Outcome> {
    let mut out = BufWriter::new(tty);
    terminal::enable_raw_mode()?;
    let raw = Raw(&mut out);
    execute!(raw.0, EnterAlternateScreen)?;
    let mut filter = Filter::new();
    let mut st = State {
        query: String::new(),
        matches: (0..lines.len()).collect(),
        selected: 0,
        top: 0,
    };
    loop {
        draw(raw.0, title, lines, &mut st)?;
        let Event::Key(key) = event::read()? else {
            // A resize (or anything else): draw again.
            continue;
        };
        if key.kind != KeyEventKind::Press {
            continue;
        }
        match act(key, &mut st) {
            Some(Act::Choose) => {
                if let Some(&i) = st.matches.get(st.selected) {
                    return Ok(Outcome::Chosen(i));
                }
            }
            Some(Act::Cancel) => return Ok(Outcome::Cancelled),
            Some(Act::Refilter) => {
                st.matches = filter.apply(&st.query, lines.iter().map(String::as_str));
                st.selected = 0;
                st.top = 0;
            }
            None => {}
        }
    }
}

enum Act {
    Choose,
    Cancel,
    Refilter,
}

fn act(key: KeyEvent, st: &mut State) -> Option<Act> {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    let last = st.matches.len().saturating_sub(1);
    match key.code {
        KeyCode::Enter => return Some(Act::Choose),
        KeyCode::Esc => return Some(Act::Cancel),
        KeyCode::Char('c' | 'd' | 'g') if ctrl => return Some(Act::Cancel),
        KeyCode::Up => st.selected = st.selected.saturating_sub(1),
        KeyCode::Char('p' | 'k') if ctrl => st.selected = st.selected.saturating_sub(1),
        KeyCode::Down => st.selected = (st.selected + 1).min(last),
        KeyCode::Char('n' | 'j') if ctrl => st.selected = (st.selected + 1).min(last),
        KeyCode::PageUp => st.selected = st.selected.saturating_sub(10),
        KeyCode::PageDown => st.selected = (st.selected + 10).min(last),
        KeyCode::Char('u') if ctrl => {
            st.query.clear();
            return Some(Act::Refilter);
        }
        KeyCode::Char('w') if ctrl => {
            let kept = st.query.trim_end().rfind(' ').map_or(0, |i| i + 1);
            st.query.truncate(kept);
            return Some(Act::Refilter);
        }
        KeyCode::Backspace => {
            st.query.pop();
            return Some(Act::Refilter);
        }
        KeyCode::Char(c) if !ctrl && !c.is_control() => {
            st.query.push(c);
            return Some(Act::Refilter);
        }
        _ => {}
    }
    None
}

/// `s` cut to `width` characters (the lines are inert: one character, one cell, except
/// wide ones, which the cut errs on).
fn cut(s: &str, width: usize) -> &str {
    match s.char_indices().nth(width) {
        Some((i, _)) => &s[..i],
        None => s,
    }
}

fn draw(out: &mut impl Write, title: &str, lines: &[String], st: &mut State) -> io::Result<()> {
    // A terminal that does not know its size (0 x 0, as a new pty starts) gets the classic one.
    let (cols, rows) = terminal::size()
        .ok()
        .filter(|&(c, r)| c > 0 && r > 0)
        .unwrap_or((80, 24));
    let (cols, rows) = (usize::from(cols.max(10)), usize::from(rows.max(3)));
    let height = rows - 2;
    if st.selected < st.top {
        st.top = st.selected;
    } else if st.selected >= st.top + height {
        st.top = st.selected + 1 - height;
    }
    queue!(out, Hide, MoveTo(0, 1), Clear(ClearType::FromCursorDown))?;
    let status = format!(
        "  {}/{}  ↑↓ move · Enter choose · Esc cancel",
        st.matches.len(),
        lines.len()
    );
    queue!(
        out,
        SetAttribute(Attribute::Dim),
        Print(cut(&status, cols)),
        SetAttribute(Attribute::Reset)
    )?;
    for (row, &i) in st.matches.iter().enumerate().skip(st.top).take(height) {
        let line = cut(&lines[i], cols - 2);
        queue!(out, MoveTo(0, (row - st.top + 2) as u16))?;
        if row == st.selected {
            queue!(
                out,
                SetAttribute(Attribute::Reverse),
                Print("> "),
                Print(line),
                SetAttribute(Attribute::Reset)
            )?;
        } else {
            queue!(out, Print("  "), Print(line))?;
        }
    }
    let prompt = format!("{title}> {}", inert::for_terminal(&st.query, cols));
    let prompt = cut(&prompt, cols - 1);
    queue!(
        out,
        MoveTo(0, 0),
        Clear(ClearType::CurrentLine),
        Print(prompt),
        Show
    )?;
    out.flush()
}
