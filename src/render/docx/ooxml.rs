//! Puts the package docx-rs writes into the shape ECMA-376 requires, so that Word opens it
//! without offering to repair it.
//!
//! docx-rs 0.4.22 writes some property elements out of schema order (run properties first in
//! paragraph properties, `pStyle` not first, `ilvl` after `numId`, `headerReference` after
//! `pgSz`), an undeclared `w:type` on `gridCol`, `rPr` inside paragraph properties where the
//! schema allows none, empty comments and footnotes parts, and stores every part
//! uncompressed. Its upstream fixes are not released, so the package is rewritten after it is
//! written:
//!
//! - every XML part is parsed into a small tree and the children of each element whose
//!   content model is a sequence are put in the order of that sequence, from the tables
//!   below (ECMA-376 Part 1, transitional `wml.xsd`, for exactly the complex types isagen
//!   emits); what the schema does not allow there is dropped ([`DROPPED_ATTRIBUTES`],
//!   [`general_paragraph_properties`]);
//! - parts docx-rs writes empty and nothing uses (comments, footnotes, empty relationship
//!   parts) are removed with their relationships and content types, and the theme part the
//!   main document requires is added;
//! - the settings ask Word to update fields on opening (the contents page numbers), the
//!   default language is British English, and the file's properties carry the title, the
//!   protective marking and the document's own dates (never the wall clock);
//! - every part is written deflate-compressed with fixed timestamps, in a fixed order, so the
//!   same document gives the same bytes on every run and every machine.
//!
//! The result is checked on every rendered example and fixture by an independent validator
//! (`openxml-audit`, in `.ci/run` and `tests/ooxml.rs`).

use std::io::{Cursor, Read, Write};

use quick_xml::Reader;
use quick_xml::events::Event;

/// The WordprocessingML main namespace, which docx-rs binds to the prefix `w`.
const W_NAMESPACE: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// `CT_PPrBase` (17.3.1.26): the paragraph properties shared by paragraphs, styles, numbering
/// levels and the document defaults.
const P_PR_BASE: &[&str] = &[
    "w:pStyle",
    "w:keepNext",
    "w:keepLines",
    "w:pageBreakBefore",
    "w:framePr",
    "w:widowControl",
    "w:numPr",
    "w:suppressLineNumbers",
    "w:pBdr",
    "w:shd",
    "w:tabs",
    "w:suppressAutoHyphens",
    "w:kinsoku",
    "w:wordWrap",
    "w:overflowPunct",
    "w:topLinePunct",
    "w:autoSpaceDE",
    "w:autoSpaceDN",
    "w:bidi",
    "w:adjustRightInd",
    "w:snapToGrid",
    "w:spacing",
    "w:ind",
    "w:contextualSpacing",
    "w:mirrorIndents",
    "w:suppressOverlap",
    "w:jc",
    "w:textDirection",
    "w:textAlignment",
    "w:textboxTightWrap",
    "w:outlineLvl",
    "w:divId",
    "w:cnfStyle",
];

/// What `CT_PPr` (17.3.1.26, a paragraph's own properties) adds after [`P_PR_BASE`]: the
/// paragraph mark's run properties, a section break and a tracked change.
const P_PR_TAIL: &[&str] = &["w:rPr", "w:sectPr", "w:pPrChange"];

/// `CT_PPrGeneral` (styles, numbering levels, document defaults) adds only `pPrChange`: the
/// paragraph mark has no run properties there (a style's or level's run properties are the
/// `rPr` beside its `pPr`), so an `rPr` inside such a `pPr` is dropped.
const P_PR_GENERAL_TAIL: &[&str] = &["w:pPrChange"];

/// `CT_RPr` and `CT_ParaRPr` (17.3.2.28, 17.3.1.29): `EG_RPrBase` in order, preceded by the
/// paragraph mark's revision marks (only in `CT_ParaRPr`) and followed by `rPrChange`.
const R_PR: &[&str] = &[
    "w:ins",
    "w:del",
    "w:moveFrom",
    "w:moveTo",
    "w:rStyle",
    "w:rFonts",
    "w:b",
    "w:bCs",
    "w:i",
    "w:iCs",
    "w:caps",
    "w:smallCaps",
    "w:strike",
    "w:dstrike",
    "w:outline",
    "w:shadow",
    "w:emboss",
    "w:imprint",
    "w:noProof",
    "w:snapToGrid",
    "w:vanish",
    "w:webHidden",
    "w:color",
    "w:spacing",
    "w:w",
    "w:kern",
    "w:position",
    "w:sz",
    "w:szCs",
    "w:highlight",
    "w:u",
    "w:effect",
    "w:bdr",
    "w:shd",
    "w:fitText",
    "w:vertAlign",
    "w:rtl",
    "w:cs",
    "w:em",
    "w:lang",
    "w:eastAsianLayout",
    "w:specVanish",
    "w:oMath",
    "w:rPrChange",
];

/// `CT_NumPr` (17.3.1.19): a paragraph's numbering.
const NUM_PR: &[&str] = &["w:ilvl", "w:numId", "w:numberingChange", "w:ins"];

/// `CT_TblPr` (17.4.60, with `CT_TblPrBase`).
const TBL_PR: &[&str] = &[
    "w:tblStyle",
    "w:tblpPr",
    "w:tblOverlap",
    "w:bidiVisual",
    "w:tblStyleRowBandSize",
    "w:tblStyleColBandSize",
    "w:tblW",
    "w:jc",
    "w:tblCellSpacing",
    "w:tblInd",
    "w:tblBorders",
    "w:shd",
    "w:tblLayout",
    "w:tblCellMar",
    "w:tblLook",
    "w:tblCaption",
    "w:tblDescription",
    "w:tblPrChange",
];

/// `CT_TblBorders` (17.4.39); `start` and `end` are the strict names of `left` and `right`.
const TBL_BORDERS: &[&str] = &[
    "w:top",
    "w:left",
    "w:start",
    "w:bottom",
    "w:right",
    "w:end",
    "w:insideH",
    "w:insideV",
];

/// `CT_TcPr` (17.4.70, with `CT_TcPrBase`).
const TC_PR: &[&str] = &[
    "w:cnfStyle",
    "w:tcW",
    "w:gridSpan",
    "w:hMerge",
    "w:vMerge",
    "w:tcBorders",
    "w:shd",
    "w:noWrap",
    "w:tcMar",
    "w:textDirection",
    "w:tcFitText",
    "w:vAlign",
    "w:hideMark",
    "w:headers",
    "w:cellIns",
    "w:cellDel",
    "w:cellMerge",
    "w:tcPrChange",
];

/// `CT_SectPr` (17.6.17): the header and footer references (a choice, kept in their own
/// order) come before every other section property.
const SECT_PR: &[&str] = &[
    "w:headerReference|w:footerReference",
    "w:footnotePr",
    "w:endnotePr",
    "w:type",
    "w:pgSz",
    "w:pgMar",
    "w:paperSrc",
    "w:pgBorders",
    "w:lnNumType",
    "w:pgNumType",
    "w:cols",
    "w:formProt",
    "w:vAlign",
    "w:noEndnote",
    "w:titlePg",
    "w:textDirection",
    "w:bidi",
    "w:rtlGutter",
    "w:docGrid",
    "w:printerSettings",
    "w:sectPrChange",
];

/// `CT_Styles` (17.7.4.18).
const STYLES: &[&str] = &["w:docDefaults", "w:latentStyles", "w:style"];

/// `CT_DocDefaults` (17.7.5.1).
const DOC_DEFAULTS: &[&str] = &["w:rPrDefault", "w:pPrDefault"];

/// `CT_Style` (17.7.4.17).
const STYLE: &[&str] = &[
    "w:name",
    "w:aliases",
    "w:basedOn",
    "w:next",
    "w:link",
    "w:autoRedefine",
    "w:hidden",
    "w:uiPriority",
    "w:semiHidden",
    "w:unhideWhenUsed",
    "w:qFormat",
    "w:locked",
    "w:personal",
    "w:personalCompose",
    "w:personalReply",
    "w:rsid",
    "w:pPr",
    "w:rPr",
    "w:tblPr",
    "w:trPr",
    "w:tcPr",
    "w:tblStylePr",
];

/// `CT_Numbering` (17.9.17).
const NUMBERING: &[&str] = &[
    "w:numPicBullet",
    "w:abstractNum",
    "w:num",
    "w:numIdMacAtCleanup",
];

/// `CT_AbstractNum` (17.9.1).
const ABSTRACT_NUM: &[&str] = &[
    "w:nsid",
    "w:multiLevelType",
    "w:tmpl",
    "w:name",
    "w:styleLink",
    "w:numStyleLink",
    "w:lvl",
];

/// `CT_Lvl` (17.9.6).
const LVL: &[&str] = &[
    "w:start",
    "w:numFmt",
    "w:lvlRestart",
    "w:pStyle",
    "w:isLgl",
    "w:suff",
    "w:lvlText",
    "w:lvlPicBulletId",
    "w:legacy",
    "w:lvlJc",
    "w:pPr",
    "w:rPr",
];

/// `CT_Num` (17.9.16).
const NUM: &[&str] = &["w:abstractNumId", "w:lvlOverride"];

/// `CT_Font` (17.8.3.10).
const FONT: &[&str] = &[
    "w:altName",
    "w:panose1",
    "w:charset",
    "w:family",
    "w:notTrueType",
    "w:pitch",
    "w:sig",
    "w:embedRegular",
    "w:embedBold",
    "w:embedItalic",
    "w:embedBoldItalic",
];

/// `CT_Settings` (17.15.1.78), the WordprocessingML elements in order (the `m:`, `sl:` and
/// Word 2010+ extension elements in the sequence are not written by isagen).
const SETTINGS: &[&str] = &[
    "w:writeProtection",
    "w:view",
    "w:zoom",
    "w:removePersonalInformation",
    "w:removeDateAndTime",
    "w:doNotDisplayPageBoundaries",
    "w:displayBackgroundShape",
    "w:printPostScriptOverText",
    "w:printFractionalCharacterWidth",
    "w:printFormsData",
    "w:embedTrueTypeFonts",
    "w:embedSystemFonts",
    "w:saveSubsetFonts",
    "w:saveFormsData",
    "w:mirrorMargins",
    "w:alignBordersAndEdges",
    "w:bordersDoNotSurroundHeader",
    "w:bordersDoNotSurroundFooter",
    "w:gutterAtTop",
    "w:hideSpellingErrors",
    "w:hideGrammaticalErrors",
    "w:activeWritingStyle",
    "w:proofState",
    "w:formsDesign",
    "w:attachedTemplate",
    "w:linkStyles",
    "w:stylePaneFormatFilter",
    "w:stylePaneSortMethod",
    "w:documentType",
    "w:mailMerge",
    "w:revisionView",
    "w:trackRevisions",
    "w:doNotTrackMoves",
    "w:doNotTrackFormatting",
    "w:documentProtection",
    "w:autoFormatOverride",
    "w:styleLockTheme",
    "w:styleLockQFSet",
    "w:defaultTabStop",
    "w:autoHyphenation",
    "w:consecutiveHyphenLimit",
    "w:hyphenationZone",
    "w:doNotHyphenateCaps",
    "w:showEnvelope",
    "w:summaryLength",
    "w:clickAndTypeStyle",
    "w:defaultTableStyle",
    "w:evenAndOddHeaders",
    "w:bookFoldRevPrinting",
    "w:bookFoldPrinting",
    "w:bookFoldPrintingSheets",
    "w:drawingGridHorizontalSpacing",
    "w:drawingGridVerticalSpacing",
    "w:displayHorizontalDrawingGridEvery",
    "w:displayVerticalDrawingGridEvery",
    "w:doNotUseMarginsForDrawingGridOrigin",
    "w:drawingGridHorizontalOrigin",
    "w:drawingGridVerticalOrigin",
    "w:doNotShadeFormData",
    "w:noPunctuationKerning",
    "w:characterSpacingControl",
    "w:printTwoOnOne",
    "w:strictFirstAndLastChars",
    "w:noLineBreaksAfter",
    "w:noLineBreaksBefore",
    "w:savePreviewPicture",
    "w:doNotValidateAgainstSchema",
    "w:saveInvalidXml",
    "w:ignoreMixedContent",
    "w:alwaysShowPlaceholderText",
    "w:doNotDemarcateInvalidXml",
    "w:saveXmlDataOnly",
    "w:useXSLTWhenSaving",
    "w:saveThroughXslt",
    "w:showXMLTags",
    "w:alwaysMergeEmptyNamespace",
    "w:updateFields",
    "w:hdrShapeDefaults",
    "w:footnotePr",
    "w:endnotePr",
    "w:compat",
    "w:docVars",
    "w:rsids",
    "w:uiCompat97To2003",
    "w:attachedSchema",
    "w:themeFontLang",
    "w:clrSchemeMapping",
    "w:doNotIncludeSubdocsInStats",
    "w:doNotAutoCompressPictures",
    "w:forceUpgrade",
    "w:captions",
    "w:readModeInkLockDown",
    "w:shapeDefaults",
    "w:decimalSymbol",
    "w:listSeparator",
];

/// `CT_Compat` (17.15.1.21).
const COMPAT: &[&str] = &[
    "w:useSingleBorderforContiguousCells",
    "w:wpJustification",
    "w:noTabHangInd",
    "w:noLeading",
    "w:spaceForUL",
    "w:noColumnBalance",
    "w:balanceSingleByteDoubleByteWidth",
    "w:noExtraLineSpacing",
    "w:doNotLeaveBackslashAlone",
    "w:ulTrailSpace",
    "w:doNotExpandShiftReturn",
    "w:spacingInWholePoints",
    "w:lineWrapLikeWord6",
    "w:printBodyTextBeforeHeader",
    "w:printColBlack",
    "w:wpSpaceWidth",
    "w:showBreaksInFrames",
    "w:subFontBySize",
    "w:suppressBottomSpacing",
    "w:suppressTopSpacing",
    "w:suppressSpacingAtTopOfPage",
    "w:suppressTopSpacingWP",
    "w:suppressSpBfAfterPgBrk",
    "w:swapBordersFacingPages",
    "w:convMailMergeEsc",
    "w:truncateFontHeightsLikeWP6",
    "w:mwSmallCaps",
    "w:usePrinterMetrics",
    "w:doNotSuppressParagraphBorders",
    "w:wrapTrailSpaces",
    "w:footnoteLayoutLikeWW8",
    "w:shapeLayoutLikeWW8",
    "w:alignTablesRowByRow",
    "w:forgetLastTabAlignment",
    "w:adjustLineHeightInTable",
    "w:autoSpaceLikeWord95",
    "w:noSpaceRaiseLower",
    "w:doNotUseHTMLParagraphAutoSpacing",
    "w:layoutRawTableWidth",
    "w:layoutTableRowsApart",
    "w:useWord97LineBreakRules",
    "w:doNotBreakWrappedTables",
    "w:doNotSnapToGridInCell",
    "w:selectFldWithFirstOrLastChar",
    "w:applyBreakingRules",
    "w:doNotWrapTextWithPunct",
    "w:doNotUseEastAsianBreakRules",
    "w:useWord2002TableStyleRules",
    "w:growAutofit",
    "w:useFELayout",
    "w:useNormalStyleForList",
    "w:doNotUseIndentAsNumberingTabStop",
    "w:useAltKinsokuLineBreakRules",
    "w:allowSpaceOfSameStyleInTable",
    "w:doNotSuppressIndentation",
    "w:doNotAutofitConstrainedTables",
    "w:autofitToFirstFixedWidthCell",
    "w:underlineTabInNumList",
    "w:displayHangulFixedWidth",
    "w:splitPgBreakAndParaMark",
    "w:doNotVertAlignCellWithSp",
    "w:doNotBreakConstrainedForcedTable",
    "w:doNotVertAlignInTxbx",
    "w:useAnsiKerningPairs",
    "w:cachedColBalance",
    "w:compatSetting",
];

/// Attributes docx-rs writes that the schema does not declare on that element:
/// (element, attribute). `CT_TblGridCol` (17.4.16) has only `w:w`, always in twentieths of a
/// point.
const DROPPED_ATTRIBUTES: &[(&str, &str)] = &[("w:gridCol", "w:type")];

/// The sequence the children of `name` (inside `parent`) follow, in parts; an entry may list
/// alternatives separated by `|` that share a place (a choice).
fn sequence(name: &str, parent: &str) -> Option<&'static [&'static [&'static str]]> {
    Some(match name {
        "w:pPr" if general_paragraph_properties(parent) => &[P_PR_BASE, P_PR_GENERAL_TAIL],
        "w:pPr" => &[P_PR_BASE, P_PR_TAIL],
        "w:rPr" => &[R_PR],
        "w:numPr" => &[NUM_PR],
        "w:tblPr" => &[TBL_PR],
        "w:tblBorders" => &[TBL_BORDERS],
        "w:tcPr" => &[TC_PR],
        "w:sectPr" => &[SECT_PR],
        "w:styles" => &[STYLES],
        "w:docDefaults" => &[DOC_DEFAULTS],
        "w:style" => &[STYLE],
        "w:numbering" => &[NUMBERING],
        "w:abstractNum" => &[ABSTRACT_NUM],
        "w:lvl" => &[LVL],
        "w:num" => &[NUM],
        "w:font" => &[FONT],
        "w:settings" => &[SETTINGS],
        "w:compat" => &[COMPAT],
        _ => return None,
    })
}

/// Whether a `pPr` inside `parent` is a `CT_PPrGeneral` (a style's, a numbering level's or
/// the document defaults'), which allows no `rPr` and no `sectPr`.
fn general_paragraph_properties(parent: &str) -> bool {
    matches!(parent, "w:style" | "w:lvl" | "w:pPrDefault")
}

/// The place of `child` in `sequence`, or `None` where the schema does not list it.
fn place(sequence: &[&[&str]], child: &str) -> Option<usize> {
    sequence
        .iter()
        .flat_map(|part| part.iter())
        .position(|entry| entry.split('|').any(|name| name == child))
}

/// A node of an XML part. Text, attribute values and other markup are kept as the escaped
/// bytes they were read as, so nothing is unescaped and escaped again.
#[derive(Clone, Debug, PartialEq)]
enum Node {
    Element(Element),
    /// Character data, escaped.
    Text(Vec<u8>),
    /// A comment, CDATA section or processing instruction, written back as it was read.
    Markup(Vec<u8>),
}

#[derive(Clone, Debug, PartialEq)]
struct Element {
    /// The qualified name, for example `w:pPr`.
    name: String,
    /// Attributes in their order: qualified name and escaped value.
    attributes: Vec<(String, Vec<u8>)>,
    children: Vec<Node>,
}

impl Element {
    fn new(name: &str, attributes: &[(&str, &str)]) -> Element {
        Element {
            name: name.to_string(),
            attributes: attributes
                .iter()
                .map(|(k, v)| (k.to_string(), escape(v).into_bytes()))
                .collect(),
            children: Vec::new(),
        }
    }

    fn child_mut(&mut self, name: &str) -> Option<&mut Element> {
        self.children.iter_mut().find_map(|node| match node {
            Node::Element(e) if e.name == name => Some(e),
            _ => None,
        })
    }

    fn has_child(&self, name: &str) -> bool {
        self.children
            .iter()
            .any(|node| matches!(node, Node::Element(e) if e.name == name))
    }

    fn has_element_children(&self) -> bool {
        self.children
            .iter()
            .any(|node| matches!(node, Node::Element(_)))
    }

    /// The escaped value of attribute `name`, if present.
    fn attribute(&self, name: &str) -> Option<&[u8]> {
        self.attributes
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_slice())
    }
}

/// An error reading docx-rs's package: a bug in isagen or docx-rs, never the user's input
/// (every string from a definition is escaped by docx-rs).
#[derive(Debug)]
pub(super) struct PackageError(String);

impl std::fmt::Display for PackageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

fn error(context: &str, e: impl std::fmt::Display) -> PackageError {
    PackageError(format!("{context}: {e}"))
}

/// Parses an XML part into its root element; the declaration, comments and whitespace
/// outside the root are dropped.
fn parse(xml: &[u8]) -> Result<Element, PackageError> {
    let mut reader = Reader::from_reader(xml);
    reader.config_mut().trim_text(false);
    let mut stack: Vec<Element> = Vec::new();
    let mut root = None;
    let open = |e: &quick_xml::events::BytesStart| -> Result<Element, PackageError> {
        let name = String::from_utf8(e.name().as_ref().to_vec()).map_err(|e| error("name", e))?;
        let mut attributes = Vec::new();
        for attribute in e.attributes() {
            let attribute = attribute.map_err(|e| error("attribute", e))?;
            let key = String::from_utf8(attribute.key.as_ref().to_vec())
                .map_err(|e| error("attribute name", e))?;
            attributes.push((key, attribute.value.into_owned()));
        }
        Ok(Element {
            name,
            attributes,
            children: Vec::new(),
        })
    };
    let push = |stack: &mut Vec<Element>, root: &mut Option<Element>, node: Node| match (
        stack.last_mut(),
        node,
    ) {
        (Some(parent), node) => {
            // Text split around entity references is joined again.
            if let (Some(Node::Text(last)), Node::Text(more)) = (parent.children.last_mut(), &node)
            {
                last.extend_from_slice(more);
            } else {
                parent.children.push(node);
            }
        }
        (None, Node::Element(e)) => *root = Some(e),
        (None, _) => {}
    };
    loop {
        match reader.read_event().map_err(|e| error("XML", e))? {
            Event::Start(e) => stack.push(open(&e)?),
            Event::Empty(e) => {
                let element = open(&e)?;
                push(&mut stack, &mut root, Node::Element(element));
            }
            Event::End(_) => {
                let element = stack
                    .pop()
                    .ok_or_else(|| PackageError("unbalanced end tag".into()))?;
                push(&mut stack, &mut root, Node::Element(element));
            }
            Event::Text(t) => push(&mut stack, &mut root, Node::Text(t.to_vec())),
            Event::GeneralRef(r) => {
                let mut text = b"&".to_vec();
                text.extend_from_slice(&r);
                text.push(b';');
                push(&mut stack, &mut root, Node::Text(text));
            }
            Event::CData(c) => {
                let mut raw = b"<![CDATA[".to_vec();
                raw.extend_from_slice(&c);
                raw.extend_from_slice(b"]]>");
                push(&mut stack, &mut root, Node::Markup(raw));
            }
            Event::Comment(c) => {
                let mut raw = b"<!--".to_vec();
                raw.extend_from_slice(&c);
                raw.extend_from_slice(b"-->");
                push(&mut stack, &mut root, Node::Markup(raw));
            }
            Event::PI(p) => {
                let mut raw = b"<?".to_vec();
                raw.extend_from_slice(&p);
                raw.extend_from_slice(b"?>");
                push(&mut stack, &mut root, Node::Markup(raw));
            }
            Event::Decl(_) | Event::DocType(_) => {}
            Event::Eof => break,
        }
    }
    if !stack.is_empty() {
        return Err(PackageError("unclosed element".into()));
    }
    root.ok_or_else(|| PackageError("no root element".into()))
}

/// Writes a part: the XML declaration and the root element, with empty elements written
/// `<name attributes />` as docx-rs writes them.
fn serialize(root: &Element) -> Vec<u8> {
    fn write(element: &Element, out: &mut Vec<u8>) {
        out.push(b'<');
        out.extend_from_slice(element.name.as_bytes());
        for (key, value) in &element.attributes {
            out.push(b' ');
            out.extend_from_slice(key.as_bytes());
            out.extend_from_slice(b"=\"");
            out.extend_from_slice(value);
            out.push(b'"');
        }
        if element.children.is_empty() {
            out.extend_from_slice(b" />");
            return;
        }
        out.push(b'>');
        for child in &element.children {
            match child {
                Node::Element(e) => write(e, out),
                Node::Text(t) | Node::Markup(t) => out.extend_from_slice(t),
            }
        }
        out.extend_from_slice(b"</");
        out.extend_from_slice(element.name.as_bytes());
        out.push(b'>');
    }
    let mut out = br#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#.to_vec();
    write(root, &mut out);
    out
}

/// `text` escaped for an attribute value or character data.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    out
}

/// Puts a WordprocessingML part in schema order (see the module documentation). A part whose
/// root does not bind `w` to the WordprocessingML namespace is left as it is.
fn normalise(root: &mut Element) {
    if root.attribute("xmlns:w") != Some(W_NAMESPACE.as_bytes()) {
        return;
    }
    fn walk(element: &mut Element, parent: &str) {
        element.attributes.retain(|(key, _)| {
            !DROPPED_ATTRIBUTES.contains(&(element.name.as_str(), key.as_str()))
        });
        if element.name == "w:pPr" && general_paragraph_properties(parent) {
            element.children.retain(
                |node| !matches!(node, Node::Element(e) if e.name == "w:rPr" || e.name == "w:sectPr"),
            );
        }
        for child in &mut element.children {
            if let Node::Element(e) = child {
                walk(e, &element.name);
            }
        }
        if let Some(sequence) = sequence(&element.name, parent) {
            // A stable sort: elements sharing a place (a choice, or a repeated element) keep
            // their order; anything the table does not list goes last, where the validator
            // in CI reports it (and debug builds, so every test, stop at it).
            element.children.sort_by_key(|node| match node {
                Node::Element(e) => place(sequence, &e.name).unwrap_or_else(|| {
                    debug_assert!(
                        false,
                        "{} inside {} is not in the schema table",
                        e.name, element.name
                    );
                    usize::MAX
                }),
                _ => usize::MAX,
            });
        }
    }
    walk(root, "");
}

/// The language of every document isagen writes.
pub(super) const LANGUAGE: &str = "en-GB";

/// Sets British English as the default language of the text (`w:lang` in the default run
/// properties) and of the theme fonts.
fn set_language(styles: &mut Element) {
    let Some(defaults) = styles.child_mut("w:docDefaults") else {
        return;
    };
    if !defaults.has_child("w:rPrDefault") {
        defaults
            .children
            .insert(0, Node::Element(Element::new("w:rPrDefault", &[])));
    }
    let run_defaults = defaults.child_mut("w:rPrDefault").expect("inserted above");
    if !run_defaults.has_child("w:rPr") {
        run_defaults
            .children
            .push(Node::Element(Element::new("w:rPr", &[])));
    }
    let run = run_defaults.child_mut("w:rPr").expect("inserted above");
    run.children
        .retain(|n| !matches!(n, Node::Element(e) if e.name == "w:lang"));
    run.children.push(Node::Element(Element::new(
        "w:lang",
        &[
            ("w:val", LANGUAGE),
            ("w:eastAsia", LANGUAGE),
            ("w:bidi", "ar-SA"),
        ],
    )));
}

/// Asks Word to update the document's fields when it opens it, so the contents list gets its
/// page numbers (17.15.1.90), and records the theme fonts' language.
fn set_settings(settings: &mut Element) {
    settings.children.retain(
        |n| !matches!(n, Node::Element(e) if e.name == "w:updateFields" || e.name == "w:themeFontLang"),
    );
    settings.children.push(Node::Element(Element::new(
        "w:updateFields",
        &[("w:val", "true")],
    )));
    settings.children.push(Node::Element(Element::new(
        "w:themeFontLang",
        &[("w:val", LANGUAGE)],
    )));
}

/// What the file's properties say (File > Info in Word): all from the definition.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Properties {
    /// The document's title.
    pub title: String,
    /// Kind, id and version, for example "Information Sharing Agreement mash-isa version 1.2".
    pub subject: String,
    /// The protective marking with any descriptor.
    pub marking: String,
    /// The status, in words ("Live").
    pub status: String,
    /// The document id.
    pub identifier: String,
    /// The version.
    pub version: String,
    /// When the document was first written: its earliest version history date.
    pub created: Option<time::Date>,
    /// When this version was written.
    pub modified: Option<time::Date>,
    /// The font of the house style, for the theme.
    pub font: String,
}

/// The core properties part (OPC, ECMA-376 Part 2 section 11): title, subject, marking (as the
/// category and keywords), status, id, version, language and the document's own dates; a date
/// the definition does not give is left out rather than invented.
fn core_properties(p: &Properties) -> Vec<u8> {
    let date = |tag: &str, d: Option<time::Date>| {
        d.map(|d| {
            format!(
                r#"<dcterms:{tag} xsi:type="dcterms:W3CDTF">{:04}-{:02}-{:02}T00:00:00Z</dcterms:{tag}>"#,
                d.year(),
                u8::from(d.month()),
                d.day()
            )
        })
        .unwrap_or_default()
    };
    format!(
        concat!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
            r#"<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" "#,
            r#"xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" "#,
            r#"xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">"#,
            "<dc:title>{title}</dc:title><dc:subject>{subject}</dc:subject><dc:creator>isagen</dc:creator>",
            "<cp:keywords>{marking}</cp:keywords><cp:category>{marking}</cp:category>",
            "<cp:contentStatus>{status}</cp:contentStatus><dc:identifier>{identifier}</dc:identifier>",
            "<dc:language>{language}</dc:language><cp:lastModifiedBy>isagen</cp:lastModifiedBy>",
            "{version}{created}{modified}",
            "</cp:coreProperties>"
        ),
        title = escape(&p.title),
        subject = escape(&p.subject),
        marking = escape(&p.marking),
        status = escape(&p.status),
        identifier = escape(&p.identifier),
        language = LANGUAGE,
        version = if p.version.is_empty() {
            String::new()
        } else {
            format!("<cp:version>{}</cp:version>", escape(&p.version))
        },
        created = date("created", p.created),
        modified = date("modified", p.modified),
    )
    .into_bytes()
}

/// The custom properties part: the protective marking as a named property, where records
/// management tools and Word's Advanced Properties look for it.
fn custom_properties(p: &Properties) -> Vec<u8> {
    format!(
        concat!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
            r#"<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" "#,
            r#"xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">"#,
            r#"<property fmtid="{{D5CDD505-2E9C-101B-9397-08002B2CF9AE}}" pid="2" name="Protective marking">"#,
            "<vt:lpwstr>{}</vt:lpwstr></property></Properties>"
        ),
        escape(&p.marking)
    )
    .into_bytes()
}

/// The extended properties part: the application that wrote the file.
fn app_properties() -> Vec<u8> {
    concat!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
        r#"<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" "#,
        r#"xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">"#,
        "<Application>isagen</Application></Properties>"
    )
    .as_bytes()
    .to_vec()
}

const THEME_PART: &str = "word/theme/theme1.xml";
const THEME_TYPE: &str =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme";
const THEME_CONTENT_TYPE: &str = "application/vnd.openxmlformats-officedocument.theme+xml";

/// The theme the main document part requires (ECMA-376 Part 1, 14.2.7): plain colours and
/// the house font. isagen's styles name their fonts and colours directly, so the theme only
/// supplies what Word falls back on.
fn theme(font: &str) -> Vec<u8> {
    let font = escape(font);
    let fill = r#"<a:solidFill><a:schemeClr val="phClr" /></a:solidFill>"#;
    let line = format!(r#"<a:ln w="6350">{fill}</a:ln>"#);
    let effect = "<a:effectStyle><a:effectLst /></a:effectStyle>";
    let colour =
        |name: &str, rgb: &str| format!(r#"<a:{name}><a:srgbClr val="{rgb}" /></a:{name}>"#);
    let fonts = format!(r#"<a:latin typeface="{font}" /><a:ea typeface="" /><a:cs typeface="" />"#);
    format!(
        concat!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
            r#"<a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" name="isagen">"#,
            r#"<a:themeElements><a:clrScheme name="isagen">"#,
            r#"<a:dk1><a:sysClr val="windowText" lastClr="000000" /></a:dk1>"#,
            r#"<a:lt1><a:sysClr val="window" lastClr="FFFFFF" /></a:lt1>"#,
            "{dk2}{lt2}{a1}{a2}{a3}{a4}{a5}{a6}{hlink}{fol}</a:clrScheme>",
            r#"<a:fontScheme name="isagen"><a:majorFont>{fonts}</a:majorFont>"#,
            "<a:minorFont>{fonts}</a:minorFont></a:fontScheme>",
            r#"<a:fmtScheme name="isagen"><a:fillStyleLst>{fill}{fill}{fill}</a:fillStyleLst>"#,
            "<a:lnStyleLst>{line}{line}{line}</a:lnStyleLst>",
            "<a:effectStyleLst>{effect}{effect}{effect}</a:effectStyleLst>",
            "<a:bgFillStyleLst>{fill}{fill}{fill}</a:bgFillStyleLst></a:fmtScheme>",
            "</a:themeElements><a:objectDefaults /><a:extraClrSchemeLst /></a:theme>"
        ),
        dk2 = colour("dk2", "44546A"),
        lt2 = colour("lt2", "E7E6E6"),
        a1 = colour("accent1", "4472C4"),
        a2 = colour("accent2", "ED7D31"),
        a3 = colour("accent3", "A5A5A5"),
        a4 = colour("accent4", "FFC000"),
        a5 = colour("accent5", "5B9BD5"),
        a6 = colour("accent6", "70AD47"),
        hlink = colour("hlink", "0563C1"),
        fol = colour("folHlink", "954F72"),
        fonts = fonts,
        fill = fill,
        line = line,
        effect = effect,
    )
    .into_bytes()
}

/// Parts docx-rs always writes that isagen never fills: removed when they hold nothing.
const PLACEHOLDER_PARTS: &[&str] = &[
    "word/comments.xml",
    "word/commentsExtended.xml",
    "word/footnotes.xml",
];

/// The part a relationship in `rels_part` points at, as a package path without the leading
/// `/` (ECMA-376 Part 2, 9.3: targets are relative to the source part's folder).
fn resolve_target(rels_part: &str, target: &str) -> String {
    if let Some(absolute) = target.strip_prefix('/') {
        return absolute.to_string();
    }
    // `word/_rels/document.xml.rels` describes `word/document.xml`, whose folder is `word/`.
    let source_folder = rels_part
        .rsplit_once("_rels/")
        .map(|(folder, _)| folder)
        .unwrap_or("");
    let mut segments: Vec<&str> = source_folder.split('/').filter(|s| !s.is_empty()).collect();
    for segment in target.split('/') {
        match segment {
            ".." => {
                segments.pop();
            }
            "." | "" => {}
            s => segments.push(s),
        }
    }
    segments.join("/")
}

/// Rewrites the package docx-rs wrote (see the module documentation).
pub(super) fn repackage(package: &[u8], properties: &Properties) -> Result<Vec<u8>, PackageError> {
    let mut archive =
        zip::ZipArchive::new(Cursor::new(package)).map_err(|e| error("reading the package", e))?;
    let mut parts: Vec<(String, Vec<u8>)> = Vec::with_capacity(archive.len());
    for index in 0..archive.len() {
        let mut entry = archive
            .by_index(index)
            .map_err(|e| error("reading a part", e))?;
        if entry.is_dir() {
            continue;
        }
        let mut bytes = Vec::with_capacity(entry.size() as usize);
        entry
            .read_to_end(&mut bytes)
            .map_err(|e| error("reading a part", e))?;
        parts.push((entry.name().to_string(), bytes));
    }

    // Which parts go: placeholders that hold nothing, and relationship parts with no
    // relationship left.
    let mut removed: Vec<String> = Vec::new();
    for (name, bytes) in &parts {
        if PLACEHOLDER_PARTS.contains(&name.as_str()) && !parse(bytes)?.has_element_children() {
            removed.push(name.clone());
        }
    }

    let mut out: Vec<(String, Vec<u8>)> = Vec::with_capacity(parts.len() + 1);
    for (name, bytes) in parts {
        if removed.contains(&name) {
            continue;
        }
        let bytes = match name.as_str() {
            "docProps/core.xml" => core_properties(properties),
            "docProps/custom.xml" => custom_properties(properties),
            "docProps/app.xml" => app_properties(),
            "[Content_Types].xml" => bytes,
            n if n.ends_with(".rels") => {
                let mut root = parse(&bytes)?;
                root.children.retain(|node| match node {
                    Node::Element(e) => e
                        .attribute("Target")
                        .map(|t| String::from_utf8_lossy(t).into_owned())
                        .is_none_or(|t| !removed.contains(&resolve_target(n, &t))),
                    _ => false,
                });
                if n == "word/_rels/document.xml.rels" {
                    root.children.push(Node::Element(Element::new(
                        "Relationship",
                        &[
                            ("Id", "rIdTheme1"),
                            ("Type", THEME_TYPE),
                            ("Target", "theme/theme1.xml"),
                        ],
                    )));
                }
                if !root.has_element_children() {
                    removed.push(name.clone());
                    continue;
                }
                serialize(&root)
            }
            n if n.ends_with(".xml") => {
                let mut root = parse(&bytes)?;
                match n {
                    "word/styles.xml" => set_language(&mut root),
                    "word/settings.xml" => set_settings(&mut root),
                    _ => {}
                }
                normalise(&mut root);
                serialize(&root)
            }
            _ => bytes,
        };
        out.push((name, bytes));
    }
    out.push((THEME_PART.to_string(), theme(&properties.font)));

    // The content types: no override for a part that is gone, one for the theme, and a
    // default only for an extension some part has.
    let content_types = out
        .iter()
        .position(|(name, _)| name == "[Content_Types].xml")
        .ok_or_else(|| PackageError("no [Content_Types].xml".into()))?;
    let mut types = parse(&out[content_types].1)?;
    let extensions: Vec<String> = out
        .iter()
        .filter_map(|(name, _)| name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()))
        .collect();
    types.children.retain(|node| match node {
        Node::Element(e) if e.name == "Override" => e
            .attribute("PartName")
            .map(|p| {
                String::from_utf8_lossy(p)
                    .trim_start_matches('/')
                    .to_string()
            })
            .is_some_and(|p| out.iter().any(|(name, _)| *name == p)),
        Node::Element(e) if e.name == "Default" => e
            .attribute("Extension")
            .map(|x| String::from_utf8_lossy(x).to_ascii_lowercase())
            .is_some_and(|x| extensions.contains(&x)),
        _ => false,
    });
    types.children.push(Node::Element(Element::new(
        "Override",
        &[
            ("PartName", &format!("/{THEME_PART}")),
            ("ContentType", THEME_CONTENT_TYPE),
        ],
    )));
    out[content_types].1 = serialize(&types);

    // [Content_Types].xml first, as producers conventionally write it; then docx-rs's order.
    out.sort_by_key(|(name, _)| name != "[Content_Types].xml");
    write_zip(&out, properties.modified)
}

/// Writes the parts deflate-compressed, each with the same timestamp: midnight on `date`, or
/// the earliest a zip can record where the definition gives no date (zip timestamps are not
/// shown to the reader; the properties' dates are).
fn write_zip(
    parts: &[(String, Vec<u8>)],
    date: Option<time::Date>,
) -> Result<Vec<u8>, PackageError> {
    let timestamp = date
        .and_then(|d| {
            zip::DateTime::from_date_and_time(
                u16::try_from(d.year()).ok()?,
                u8::from(d.month()),
                d.day(),
                0,
                0,
                0,
            )
            .ok()
        })
        .unwrap_or_default();
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(6))
        .last_modified_time(timestamp)
        .system(zip::System::Unix)
        .unix_permissions(0o644);
    // Pictures are compressed already: deflating them again took a tenth of a render and
    // saved little.
    let stored = options
        .compression_method(zip::CompressionMethod::Stored)
        .compression_level(None);
    let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (name, bytes) in parts {
        let options = if is_compressed_picture(name) {
            stored
        } else {
            options
        };
        writer
            .start_file(name.as_str(), options)
            .map_err(|e| error("writing the package", e))?;
        writer
            .write_all(bytes)
            .map_err(|e| error("writing the package", e))?;
    }
    let cursor = writer
        .finish()
        .map_err(|e| error("writing the package", e))?;
    Ok(cursor.into_inner())
}

/// Whether a part is a picture in a compressed format (PNG, JPEG or GIF), by its name.
fn is_compressed_picture(name: &str) -> bool {
    name.rsplit_once('.').is_some_and(|(_, extension)| {
        ["png", "jpg", "jpeg", "gif"]
            .iter()
            .any(|known| extension.eq_ignore_ascii_case(known))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn normalised(xml: &str) -> String {
        let mut root = parse(xml.as_bytes()).unwrap();
        normalise(&mut root);
        let out = String::from_utf8(serialize(&root)).unwrap();
        out.trim_start_matches(r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#)
            .to_string()
    }

    const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

    #[test]
    fn paragraph_properties_follow_ct_ppr() {
        let xml = format!(
            r#"<w:document {W}><w:body><w:p><w:pPr><w:rPr /><w:keepNext /><w:numPr><w:numId w:val="2" /><w:ilvl w:val="0" /></w:numPr><w:pStyle w:val="Heading1" /></w:pPr></w:p></w:body></w:document>"#
        );
        assert_eq!(
            normalised(&xml),
            format!(
                r#"<w:document {W}><w:body><w:p><w:pPr><w:pStyle w:val="Heading1" /><w:keepNext /><w:numPr><w:ilvl w:val="0" /><w:numId w:val="2" /></w:numPr><w:rPr /></w:pPr></w:p></w:body></w:document>"#
            )
        );
    }

    #[test]
    fn style_and_level_paragraph_properties_lose_their_run_properties() {
        let xml = format!(
            r#"<w:styles {W}><w:style w:styleId="A"><w:name w:val="A" /><w:rPr><w:sz w:val="2" /><w:color w:val="1" /><w:b /></w:rPr><w:pPr><w:rPr /><w:spacing w:after="1" /><w:outlineLvl w:val="0" /></w:pPr><w:next w:val="Normal" /><w:qFormat /><w:basedOn w:val="Normal" /></w:style></w:styles>"#
        );
        assert_eq!(
            normalised(&xml),
            format!(
                r#"<w:styles {W}><w:style w:styleId="A"><w:name w:val="A" /><w:basedOn w:val="Normal" /><w:next w:val="Normal" /><w:qFormat /><w:pPr><w:spacing w:after="1" /><w:outlineLvl w:val="0" /></w:pPr><w:rPr><w:b /><w:color w:val="1" /><w:sz w:val="2" /></w:rPr></w:style></w:styles>"#
            )
        );
        let level = format!(
            r#"<w:numbering {W}><w:num w:numId="2"><w:abstractNumId w:val="2" /></w:num><w:abstractNum w:abstractNumId="2"><w:lvl w:ilvl="0"><w:start w:val="1" /><w:lvlText w:val="%1." /><w:suff w:val="space" /><w:pPr><w:rPr /><w:ind w:left="0" /></w:pPr><w:rPr /></w:lvl></w:abstractNum></w:numbering>"#
        );
        assert_eq!(
            normalised(&level),
            format!(
                r#"<w:numbering {W}><w:abstractNum w:abstractNumId="2"><w:lvl w:ilvl="0"><w:start w:val="1" /><w:suff w:val="space" /><w:lvlText w:val="%1." /><w:pPr><w:ind w:left="0" /></w:pPr><w:rPr /></w:lvl></w:abstractNum><w:num w:numId="2"><w:abstractNumId w:val="2" /></w:num></w:numbering>"#
            )
        );
    }

    #[test]
    fn section_references_come_first_and_grid_columns_lose_their_type() {
        let xml = format!(
            r#"<w:document {W}><w:body><w:tbl><w:tblGrid><w:gridCol w:w="4819" w:type="dxa" /></w:tblGrid></w:tbl><w:sectPr><w:pgSz w:w="1" /><w:pgMar w:top="1" /><w:cols w:space="425" /><w:headerReference w:type="default" r:id="h" /><w:footerReference w:type="default" r:id="f" /></w:sectPr></w:body></w:document>"#
        );
        assert_eq!(
            normalised(&xml),
            format!(
                r#"<w:document {W}><w:body><w:tbl><w:tblGrid><w:gridCol w:w="4819" /></w:tblGrid></w:tbl><w:sectPr><w:headerReference w:type="default" r:id="h" /><w:footerReference w:type="default" r:id="f" /><w:pgSz w:w="1" /><w:pgMar w:top="1" /><w:cols w:space="425" /></w:sectPr></w:body></w:document>"#
            )
        );
    }

    #[test]
    fn text_escapes_and_order_of_content_are_kept() {
        let xml = format!(
            r#"<w:document {W}><w:body><w:p><w:r><w:t xml:space="preserve">a &amp; b &lt;c&gt; &#x1F510; "q"</w:t></w:r><w:r><w:t>second</w:t></w:r></w:p></w:body></w:document>"#
        );
        assert_eq!(normalised(&xml), xml);
    }

    /// An element docx-rs starts writing that the tables do not list stops every debug test,
    /// not only the validator in CI.
    #[test]
    #[cfg(debug_assertions)]
    #[should_panic(expected = "w:unheardOf inside w:rPr is not in the schema table")]
    fn an_unlisted_child_stops_debug_builds() {
        normalised(&format!(
            r#"<w:document {W}><w:body><w:p><w:r><w:rPr><w:unheardOf /><w:b /></w:rPr></w:r></w:p></w:body></w:document>"#
        ));
    }

    #[test]
    fn parts_in_another_namespace_are_left_alone() {
        let xml = r#"<w:settings xmlns:w="urn:other"><w:compat /><w:zoom /></w:settings>"#;
        assert_eq!(normalised(xml), xml);
    }

    #[test]
    fn every_table_lists_each_name_once() {
        for table in [
            P_PR_BASE,
            P_PR_TAIL,
            R_PR,
            NUM_PR,
            TBL_PR,
            TBL_BORDERS,
            TC_PR,
            SECT_PR,
            STYLES,
            DOC_DEFAULTS,
            STYLE,
            NUMBERING,
            ABSTRACT_NUM,
            LVL,
            NUM,
            FONT,
            SETTINGS,
            COMPAT,
        ] {
            let mut names: Vec<&str> = table.iter().flat_map(|e| e.split('|')).collect();
            let count = names.len();
            names.sort_unstable();
            names.dedup();
            assert_eq!(names.len(), count, "{table:?}");
        }
    }

    #[test]
    fn relationship_targets_resolve_against_the_source_folder() {
        assert_eq!(
            resolve_target("word/_rels/document.xml.rels", "comments.xml"),
            "word/comments.xml"
        );
        assert_eq!(
            resolve_target("_rels/.rels", "docProps/custom.xml"),
            "docProps/custom.xml"
        );
        assert_eq!(
            resolve_target("word/_rels/document.xml.rels", "../customXml/item1.xml"),
            "customXml/item1.xml"
        );
        assert_eq!(
            resolve_target("word/_rels/document.xml.rels", "/word/theme/theme1.xml"),
            "word/theme/theme1.xml"
        );
    }

    #[test]
    fn core_properties_leave_out_dates_the_definition_does_not_give() {
        let mut p = Properties {
            title: "A & B".into(),
            subject: "s".into(),
            marking: "OFFICIAL".into(),
            status: "Live".into(),
            identifier: "x".into(),
            version: "1.0".into(),
            created: None,
            modified: None,
            font: "Arial".into(),
        };
        let core = String::from_utf8(core_properties(&p)).unwrap();
        assert!(core.contains("<dc:title>A &amp; B</dc:title>"));
        assert!(core.contains("<cp:category>OFFICIAL</cp:category>"));
        assert!(!core.contains("dcterms:created") && !core.contains("1980"));
        p.created = Some(time::macros::date!(2025 - 03 - 04));
        p.modified = Some(time::macros::date!(2026 - 02 - 01));
        let core = String::from_utf8(core_properties(&p)).unwrap();
        assert!(core.contains(">2025-03-04T00:00:00Z</dcterms:created>"));
        assert!(core.contains(">2026-02-01T00:00:00Z</dcterms:modified>"));
    }
}
