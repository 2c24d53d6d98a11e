//! The tools that change the timeline: the console, the plan form and the lesson scripts,
//! each a fork of the timeline sent to the player as an action; and the disclosure panel
//! that builds a tool only once it is opened.

pub mod console;
pub mod disclosure;
pub mod lesson;
pub mod plan_form;
