/** bpmn-js styles, imported only by the lazily loaded modeler and monitor screens. */
import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import 'bpmn-js/dist/assets/bpmn-font/css/bpmn-embedded.css';
import './bpmn-markers.css';
import './bpmn-lint.css';
