//! The coder: from a cleaned article to the record of `shared/SCHEMA.md`.
//!
//! Owns [`Coder`], which runs a list of components (`pipeline.rs`) over one
//! [`pipeline::Document`]: tokens → language → mentions → places (and focus
//! country) → actors → antecedents → quotes → quoted pronouns → cues →
//! syntax → dates → events → record. Reads the knowledge base by
//! reference; holds no global state; never panics on article text.

pub mod actors;
pub mod dates;
pub mod events;
pub mod mentions;
pub mod pipeline;
pub mod place_rank;
pub mod places;
pub mod quotes;
pub mod record;
pub mod tree;

#[cfg(test)]
mod testing;

use herald_core::{Article, Record};
use herald_kb::Kb;
use herald_syntax::Syntax;
use pipeline::{Component, Document};
use std::time::{Duration, Instant};

/// Watches the pipeline run, component by component (`herald bench` times
/// and weighs each one).
pub trait Observer {
    fn before(&mut self, _component: &'static str) {}
    fn after(&mut self, _component: &'static str, _elapsed: Duration) {}
}

/// An observer that sees nothing.
struct Unobserved;

impl Observer for Unobserved {}

/// The whole pipeline over a shared knowledge base.
pub struct Coder<'k> {
    pub kb: &'k Kb,
    /// The components, in the order they run.
    pub components: Vec<Box<dyn Component + 'k>>,
}

impl<'k> Coder<'k> {
    /// The default pipeline without the parser: the argument rules read word positions only.
    pub fn new(kb: &'k Kb) -> Self {
        Coder::with_components(kb, pipeline::default_components(None))
    }

    /// The default pipeline, parsing sentences and reading their trees.
    pub fn with_syntax(kb: &'k Kb, syntax: &'k Syntax) -> Self {
        Coder::with_components(kb, pipeline::default_components(Some(syntax)))
    }

    /// A pipeline of one's own; it must end with a component that writes the record.
    pub fn with_components(kb: &'k Kb, components: Vec<Box<dyn Component + 'k>>) -> Self {
        Coder { kb, components }
    }

    /// The same pipeline with another place ranker (cross-validation, trials).
    pub fn with_place_ranker(mut self, ranker: place_rank::PlaceRanker) -> Self {
        for c in &mut self.components {
            if c.name() == "places" {
                *c = Box::new(pipeline::PlaceResolver(ranker.clone()));
            }
        }
        self
    }

    /// Every toponym mention of an article with its candidate places and
    /// their ranker features, from the components before the place resolver.
    pub fn toponym_choices(&self, article: &Article) -> Vec<places::ToponymChoices> {
        let mut doc = Document::new(article);
        for c in self.components.iter().take_while(|c| c.name() != "places") {
            c.run(&mut doc, self.kb);
        }
        let hints = places::StoryHints {
            dateline: doc.article.dateline.as_ref(),
            url: doc.article.url.as_deref(),
        };
        places::toponym_choices(&doc.doc, self.kb, &doc.mentions, hints)
    }

    pub fn code(&self, article: &Article) -> Record {
        self.code_observed(article, &mut Unobserved)
    }

    /// Codes an article, telling the observer when each component starts and ends.
    pub fn code_observed(&self, article: &Article, observer: &mut dyn Observer) -> Record {
        let mut doc = Document::new(article);
        for c in &self.components {
            observer.before(c.name());
            let t = Instant::now();
            c.run(&mut doc, self.kb);
            observer.after(c.name(), t.elapsed());
        }
        doc.record.unwrap_or_else(|| Record {
            id: article.id.clone(),
            text: article.text.clone(),
            warnings: vec!["the pipeline wrote no record".into()],
            ..Default::default()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use place_rank::{PlaceRanker, FEATURES};

    fn country_of(coder: &Coder, text: &str, place: &str) -> Option<String> {
        let rec = coder.code(&testing::article(text));
        rec.places
            .iter()
            .find(|p| p.name == place)
            .and_then(|p| p.country.clone())
    }

    #[test]
    fn the_place_ranker_can_be_swapped_and_its_features_read() {
        let kb = testing::kb();
        let text = "Police in Paris arrested two men on Monday.";
        let coder = Coder::new(kb);
        assert_eq!(country_of(&coder, text, "Paris").as_deref(), Some("FRA"));
        // a ranker that prefers small places sends "Paris" to a small town
        let mut weights = PlaceRanker::embedded().weights;
        weights[FEATURES
            .iter()
            .position(|f| *f == "log_population")
            .unwrap()] = -1.0;
        let small = Coder::new(kb).with_place_ranker(PlaceRanker { weights });
        assert_ne!(country_of(&small, text, "Paris").as_deref(), Some("FRA"));
        let choices = coder.toponym_choices(&testing::article(text));
        let paris = choices.first().expect("Paris is a toponym");
        assert_eq!(&text[paris.span.start..paris.span.end], "Paris");
        assert!(paris.candidates.len() > 1, "many towns are called Paris");
        let capital = paris
            .candidates
            .iter()
            .find(|(p, _)| kb.capital_of(*p).is_some())
            .expect("the capital is a candidate");
        assert_eq!(
            capital.1[FEATURES.iter().position(|f| *f == "capital").unwrap()],
            1.0
        );
    }
}
