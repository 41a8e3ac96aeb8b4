import { t } from '../lib/i18n.js';
import { mount } from '../lib/ui.js';

mount(<h1>{t('counter.title')}</h1>);
