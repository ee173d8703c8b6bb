//! The closed world Typst typesets a document in: one source, the pictures passed in memory
//! and the fonts compiled into isagen. No file system, no network, no packages, no clock.

use std::sync::OnceLock;

use typst::diag::{FileError, FileResult, PackageError};
use typst::foundations::{Bytes, Datetime};
use typst::syntax::{FileId, Source, VirtualPath};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};

use super::Picture;

/// The fonts compiled into isagen (Liberation 2.1.5, SIL Open Font License 1.1; see
/// `fonts/LICENSE-OFL-1.1.txt`).
const FONT_FILES: [&[u8]; 5] = [
    include_bytes!("../../../fonts/LiberationSans-Regular.ttf"),
    include_bytes!("../../../fonts/LiberationSans-Bold.ttf"),
    include_bytes!("../../../fonts/LiberationSans-Italic.ttf"),
    include_bytes!("../../../fonts/LiberationSans-BoldItalic.ttf"),
    include_bytes!("../../../fonts/LiberationMono-Regular.ttf"),
];

/// The body font's family name, as the fonts above name it.
pub const BODY_FONT: &str = "Liberation Sans";
/// The font for code.
pub const MONO_FONT: &str = "Liberation Mono";

/// The fonts, the font book and the standard library, made once per process.
struct Shared {
    library: LazyHash<Library>,
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
}

fn shared() -> &'static Shared {
    static SHARED: OnceLock<Shared> = OnceLock::new();
    SHARED.get_or_init(|| {
        let fonts: Vec<Font> = FONT_FILES
            .iter()
            .flat_map(|data| Font::iter(Bytes::new(*data)))
            .collect();
        Shared {
            library: LazyHash::new(Library::builder().build()),
            book: LazyHash::new(FontBook::from_fonts(&fonts)),
            fonts,
        }
    })
}

/// The path of the picture at `index` in the world.
pub fn picture_path(index: usize, name: &str) -> String {
    let extension = name
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .filter(|e| matches!(e.as_str(), "svg" | "png" | "jpg" | "jpeg"))
        .unwrap_or_else(|| "png".into());
    format!("/pictures/{index}.{extension}")
}

/// One document's world.
pub struct DocumentWorld {
    main: Source,
    pictures: Vec<(FileId, Bytes)>,
    today: Option<Datetime>,
}

impl DocumentWorld {
    /// A world whose main file is `source`, with `pictures` at [`picture_path`] and `today`
    /// as the date.
    pub fn new(source: String, pictures: &[Picture], today: Option<Datetime>) -> DocumentWorld {
        let main = Source::new(FileId::new(None, VirtualPath::new("/main.typ")), source);
        let pictures = pictures
            .iter()
            .enumerate()
            .map(|(index, picture)| {
                (
                    FileId::new(None, VirtualPath::new(picture_path(index, &picture.name))),
                    Bytes::new(picture.bytes.clone()),
                )
            })
            .collect();
        DocumentWorld {
            main,
            pictures,
            today,
        }
    }
}

fn refuse_package(id: FileId) -> FileResult<()> {
    match id.package() {
        Some(spec) => Err(FileError::Package(PackageError::Other(Some(
            format!("{spec}: isagen loads no Typst packages").into(),
        )))),
        None => Ok(()),
    }
}

impl World for DocumentWorld {
    fn library(&self) -> &LazyHash<Library> {
        &shared().library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &shared().book
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        refuse_package(id)?;
        if id == self.main.id() {
            Ok(self.main.clone())
        } else {
            Err(FileError::NotFound(id.vpath().as_rootless_path().into()))
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        refuse_package(id)?;
        self.pictures
            .iter()
            .find(|(file, _)| *file == id)
            .map(|(_, bytes)| bytes.clone())
            .ok_or_else(|| FileError::NotFound(id.vpath().as_rootless_path().into()))
    }

    fn font(&self, index: usize) -> Option<Font> {
        shared().fonts.get(index).cloned()
    }

    fn today(&self, _offset: Option<i64>) -> Option<Datetime> {
        self.today
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn compile(source: &str) -> Result<(), String> {
        let world = DocumentWorld::new(source.to_string(), &[], None);
        typst::compile::<typst::layout::PagedDocument>(&world)
            .output
            .map(|_| ())
            .map_err(|e| {
                e.iter()
                    .map(|d| d.message.to_string())
                    .collect::<Vec<_>>()
                    .join("; ")
            })
    }

    #[test]
    fn packages_and_files_are_refused() {
        let error = compile("#import \"@preview/cetz:0.3.0\": canvas\n").unwrap_err();
        assert!(error.contains("isagen loads no Typst packages"), "{error}");
        let error = compile("#read(\"/etc/passwd\")\n").unwrap_err();
        assert!(error.contains("not found"), "{error}");
        let error = compile("#include \"other.typ\"\n").unwrap_err();
        assert!(error.contains("not found"), "{error}");
    }

    #[test]
    fn the_bundled_fonts_are_found() {
        let book = &shared().book;
        assert!(book.contains_family("liberation sans"));
        assert!(book.contains_family("liberation mono"));
        assert!(compile("#set text(font: \"Liberation Sans\", fallback: false)\nHello\n").is_ok());
    }
}
