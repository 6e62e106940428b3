/**
 * The demo's events page script: shows, live, what the reference endpoint received from the widgets.
 */
import { findEventsPageElements, startEventsPage } from './events-feed';

const elements = findEventsPageElements(document);
if (elements) startEventsPage(document, elements);
